package io.github.pinning;

import java.util.List;

import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * The check of one client connection's pins when its handshake completes: once per connection,
 * and a refusal, once made, stands for every later use of the connection.
 */
final class CompletedHandshakeCheck {

	private final PinningTrustManager trustManager;

	private volatile boolean done;

	private volatile @Nullable SSLHandshakeException refusal;

	CompletedHandshakeCheck(PinningTrustManager trustManager) {
		this.trustManager = trustManager;
	}

	/**
	 * Returns whether the connection's session has been checked.
	 * @return whether it has
	 */
	boolean isDone() {
		return this.done;
	}

	/**
	 * Checks a completed handshake's session for the host it was made for, the first time it
	 * is called.
	 * @param host the host the connection was made for, as the trust manager knows it
	 * @param parameters the connection's parameters, whose server names are those the client
	 * set (a resumed handshake sends those of the session it resumes instead)
	 * @param session the session
	 * @throws SSLHandshakeException if pinning refuses it, now or at an earlier call
	 */
	synchronized void check(@Nullable String host, SSLParameters parameters, SSLSession session)
			throws SSLHandshakeException {
		if (!this.done) {
			try {
				this.trustManager.checkSession(host, serverNames(parameters), session);
			}
			catch (CertificatePinningException ex) {
				SSLHandshakeException refusal = new SSLHandshakeException(ex.getMessage());
				refusal.initCause(ex);
				this.refusal = refusal;
			}
			this.done = true;
		}
		throwIfRefused();
	}

	/**
	 * Returns the server names a client set for a connection.
	 * @param parameters the connection's parameters
	 * @return the names, none if it set none
	 */
	static List<SNIServerName> serverNames(SSLParameters parameters) {
		List<SNIServerName> names = parameters.getServerNames();
		return (names != null) ? names : List.of();
	}

	/**
	 * Throws the refusal, if the connection was refused.
	 * @throws SSLHandshakeException if it was
	 */
	void throwIfRefused() throws SSLHandshakeException {
		SSLHandshakeException refused = this.refusal;
		if (refused != null) {
			throw refused;
		}
	}

}
