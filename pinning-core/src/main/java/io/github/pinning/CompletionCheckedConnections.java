package io.github.pinning;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The JDK engines and sockets whose client handshakes a {@link PinningSslContext} checks when
 * they complete, so that the trust manager, which sees the JDK's own engine or socket, knows
 * that it may keep its judgement until then: by that time the server has proven that it holds
 * the leaf's key. Held weakly: a connection no one uses any more is forgotten.
 */
final class CompletionCheckedConnections {

	private static final Set<Object> connections = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private CompletionCheckedConnections() {
	}

	/**
	 * Records that a connection's completed handshake is checked.
	 * @param connection the JDK's engine or socket
	 */
	static void add(Object connection) {
		connections.add(connection);
	}

	/**
	 * Returns whether a connection's completed handshake is checked.
	 * @param connection the engine or socket the JDK hands the trust manager, or {@code null}
	 * @return whether it is
	 */
	static boolean contains(Object connection) {
		return connections.contains(connection);
	}

}
