package io.github.pinning;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * What a TLS session's chain was last checked for: by which pin step, under which policy, for
 * which host and server names, with what judgement. It is kept in the session itself, whose
 * values the JDK shares with every copy it makes of it (TLS 1.3 session tickets, however late
 * they arrive), so that a session resumed under another policy, or used for another host, is
 * told apart from one checked for exactly that, and a session refused once is refused again.
 *
 * @param checker the pin step that checked it
 * @param policy the policy it was judged under
 * @param host the host it was checked for, or {@code null} if the client named none
 * @param serverNames the server names the client requested
 * @param judgement what the pin step found, if it was kept to be told once the handshake
 * completes (and thrown again, if it refused, to whoever asks later); {@code null} if the
 * listener was told as the chain arrived
 */
record CheckedSession(PinChecker checker, PinningPolicy policy, @Nullable String host,
		List<SNIServerName> serverNames, @Nullable PinJudgement judgement) {

	private static final String KEY = CheckedSession.class.getName();

	/**
	 * Records in a session what its chain was checked for.
	 * @param session the session, during its handshake or after it
	 * @param checked what it was checked for
	 */
	static void stamp(SSLSession session, CheckedSession checked) {
		try {
			session.putValue(KEY, checked);
		}
		catch (UnsupportedOperationException ex) {
			// A session that keeps no values is checked again wherever it is asked about.
		}
	}

	/**
	 * Returns what a session's chain was last checked for, if a pin step checked it.
	 * @param session the session
	 * @return what it was checked for, or {@code null}
	 */
	static @Nullable CheckedSession of(SSLSession session) {
		try {
			return (session.getValue(KEY) instanceof CheckedSession checked) ? checked : null;
		}
		catch (UnsupportedOperationException ex) {
			return null;
		}
	}

	/**
	 * Returns whether a session's chain was checked by a pin step for a host and server names,
	 * under a policy or one that gives them the same pin sets (a change of another host's pins
	 * does not make a session's judgement stale).
	 * @param last what the session was last checked for
	 * @param checker the pin step
	 * @param policy the policy in force
	 * @param host the host it should have been checked for
	 * @param serverNames the server names it should have been checked for
	 * @return whether it was
	 */
	private static boolean isStamped(CheckedSession last, PinChecker checker, PinningPolicy policy,
			@Nullable String host, List<SNIServerName> serverNames) {
		if (last.checker != checker || !sameHost(last.host, host)
				|| !last.serverNames.equals(serverNames)) {
			return false;
		}
		return last.policy == policy || judgesAlike(last.policy, policy, host, serverNames);
	}

	private static boolean sameHost(@Nullable String last, @Nullable String host) {
		return (last != null) ? last.equalsIgnoreCase(host) : host == null;
	}

	private static boolean judgesAlike(PinningPolicy previous, PinningPolicy current, @Nullable String host,
			List<SNIServerName> serverNames) {
		if (host != null && !Objects.equals(previous.pinSetFor(host), current.pinSetFor(host))) {
			return false;
		}
		for (SNIServerName serverName : serverNames) {
			String name = PinChecker.hostName(serverName);
			if (name != null && !Objects.equals(previous.pinSetFor(name), current.pinSetFor(name))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Checks the pins of a host and server names against the chain of a session whose
	 * handshake has completed (so the server has proven its key) and that the client is about
	 * to use for them. A session that the pin step judged for exactly those under the policy
	 * now in force (or one that gives them the same pin sets) keeps that judgement, told now if
	 * it was kept until the handshake completed; any other is judged again, and the judgement
	 * recorded in the session. A session that pinning refuses is invalidated, so that it is
	 * never resumed.
	 * @param checker the pin step
	 * @param host the host the session is used for, or {@code null} if the client named none
	 * @param serverNames the server names the client asks for: a resumed handshake sends those
	 * of the session it resumes, whatever the client set
	 * @param session the session, after its handshake
	 * @throws CertificatePinningException if an enforced pin set refuses the session
	 */
	static void check(PinChecker checker, @Nullable String host, List<SNIServerName> serverNames, SSLSession session)
			throws CertificatePinningException {
		CheckedSession last = of(session);
		PinJudgement judgement;
		if (last != null && isStamped(last, checker, checker.getPolicy(), host, serverNames)) {
			judgement = last.judgement;
			if (judgement == null) {
				return;
			}
		}
		else {
			X509Certificate[] chain = peerChain(session);
			if (chain == null) {
				if (isPinned(checker.getPolicy(), host, serverNames)) {
					String named = CertificateText.neutralize(String.valueOf(host));
					throw new CertificatePinningException(
							"The session for " + named + " has no certificate chain to check pins against");
				}
				return;
			}
			judgement = checker.judge(chain, host, session.getPeerPort(), serverNames);
			stamp(session, new CheckedSession(checker, judgement.policy(), host, serverNames, judgement));
		}
		try {
			judgement.tell(true);
		}
		catch (CertificatePinningException ex) {
			session.invalidate();
			throw ex;
		}
	}

	private static boolean isPinned(PinningPolicy policy, @Nullable String host, List<SNIServerName> serverNames) {
		if (host != null && policy.pinSetFor(host) != null) {
			return true;
		}
		for (SNIServerName serverName : serverNames) {
			String name = PinChecker.hostName(serverName);
			if (name != null && policy.pinSetFor(name) != null) {
				return true;
			}
		}
		return false;
	}

	private static X509Certificate @Nullable [] peerChain(SSLSession session) {
		Certificate[] certificates;
		try {
			certificates = session.getPeerCertificates();
		}
		catch (SSLPeerUnverifiedException ex) {
			return null;
		}
		X509Certificate[] chain = new X509Certificate[certificates.length];
		for (int i = 0; i < certificates.length; i++) {
			if (!(certificates[i] instanceof X509Certificate certificate)) {
				return null;
			}
			chain[i] = certificate;
		}
		return (chain.length > 0) ? chain : null;
	}

	/**
	 * Returns the server names the client asked for in a handshake (SNI), as the JDK's own
	 * trust manager reads them for endpoint identification.
	 */
	static List<SNIServerName> requestedServerNames(@Nullable SSLSession handshake) {
		if (handshake instanceof ExtendedSSLSession extended) {
			try {
				return extended.getRequestedServerNames();
			}
			catch (UnsupportedOperationException ex) {
				return List.of();
			}
		}
		return List.of();
	}

}
