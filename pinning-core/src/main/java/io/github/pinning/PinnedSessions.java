package io.github.pinning;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * Checks, once a client handshake has completed, a session that a {@link PinningTrustManager}
 * checked at some earlier handshake, for clients whose SSL context is not a
 * {@link PinningSslContext} (Netty builds its own from the trust managers).
 * <p>
 * A resumed handshake checks no certificate. Its session carries what its chain was checked
 * for: by which trust manager, under which pins, for which host. A session checked for this
 * host under the pins now in force passes at the cost of a look-up; one judged under pins that
 * have since changed (a TLS 1.3 ticket that arrived after the change), or for another host, is
 * checked again by the trust manager that checked it, counted and told like any other check.
 * A session that no pinning trust manager checked is left alone.
 */
public final class PinnedSessions {

	private PinnedSessions() {
	}

	/**
	 * Checks a session that a client is about to use for a host, after its handshake.
	 * @param host the host the client connected to, as its engine or socket knows it
	 * @param session the session
	 * @throws CertificatePinningException if an enforced pin set refuses the session
	 */
	public static void check(@Nullable String host, SSLSession session) throws CertificatePinningException {
		CheckedSession checked = CheckedSession.of(session);
		if (checked != null) {
			CheckedSession.check(checked.checker(), host, session);
		}
	}

}
