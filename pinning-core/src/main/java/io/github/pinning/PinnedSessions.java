package io.github.pinning;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Checks, once a client handshake has completed, a session that a {@link PinningTrustManager}
 * checked at some earlier handshake, for clients whose SSL context is not a
 * {@link PinningSslContext} (Netty builds its own from the trust managers).
 * <p>
 * A resumed handshake checks no certificate. Its session carries what its chain was checked
 * for: by which trust manager, under which pins, for which host. A session checked for this
 * host under the pins now in force passes at the cost of a look-up; one judged under pins that
 * have since changed (a TLS 1.3 ticket that arrived after the change), or for another host or
 * server name (the JDK resumes a session of the same address and port under the server names
 * of that session, not those the client set), is checked again by the trust manager that
 * checked it, counted and told like any other check.
 * A session that no pinning trust manager checked is left alone.
 */
public final class PinnedSessions {

	private PinnedSessions() {
	}

	/**
	 * Checks the session of a client engine whose handshake has just completed, for the host and
	 * server names the engine was made for.
	 * @param engine the engine
	 * @throws CertificatePinningException if an enforced pin set refuses the session
	 */
	public static void check(SSLEngine engine) throws CertificatePinningException {
		SSLSession session = engine.getSession();
		CheckedSession checked = CheckedSession.of(session);
		if (checked != null) {
			CheckedSession.check(checked.checker(), engine.getPeerHost(),
					CompletedHandshakeCheck.serverNames(engine.getSSLParameters()), session);
		}
	}

}
