package io.github.pinning;

import java.util.List;
import java.util.Objects;

import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

/**
 * What a TLS session's chain was last checked for: by which pin step, under which policy, for
 * which host and server names. It is kept in the session itself, whose values the JDK shares
 * with every copy it makes of it (TLS 1.3 session tickets, however late they arrive), so that
 * a session resumed under another policy, or used for another host, is told apart from one
 * checked for exactly that.
 *
 * @param checker the pin step that checked it
 * @param policy the policy it was judged under
 * @param host the host it was checked for
 * @param serverNames the server names the client requested
 */
record CheckedSession(PinChecker checker, PinningPolicy policy, String host, List<SNIServerName> serverNames) {

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
	 * Returns whether a session's chain was checked by a pin step for a host and server names,
	 * under a policy or one that gives them the same pin sets (a change of another host's pins
	 * does not make a session's judgement stale).
	 * @param session the session
	 * @param checked what it should have been checked for
	 * @return whether it was
	 */
	static boolean isStamped(SSLSession session, CheckedSession checked) {
		Object stamp;
		try {
			stamp = session.getValue(KEY);
		}
		catch (UnsupportedOperationException ex) {
			return false;
		}
		return stamp instanceof CheckedSession last && last.checker == checked.checker
				&& last.host.equalsIgnoreCase(checked.host) && last.serverNames.equals(checked.serverNames)
				&& (last.policy == checked.policy || judgesAlike(last.policy, checked.policy, checked));
	}

	private static boolean judgesAlike(PinningPolicy previous, PinningPolicy current, CheckedSession checked) {
		if (!Objects.equals(previous.pinSetFor(checked.host), current.pinSetFor(checked.host))) {
			return false;
		}
		for (SNIServerName serverName : checked.serverNames) {
			String name = PinChecker.hostName(serverName);
			if (name != null && !Objects.equals(previous.pinSetFor(name), current.pinSetFor(name))) {
				return false;
			}
		}
		return true;
	}

}
