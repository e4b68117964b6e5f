package io.github.pinning.autoconfigure.http;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The request factories and connectors that the pinning builders made, so that a client
 * holding one can be told apart from a client with a factory of its own. Held weakly: a
 * factory no client uses any more is forgotten.
 */
final class PinnedFactories {

	private static final Set<Object> built = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private PinnedFactories() {
	}

	static <T> T remember(T factory) {
		built.add(factory);
		return factory;
	}

	static boolean isPinned(Object factory) {
		return built.contains(factory);
	}

}
