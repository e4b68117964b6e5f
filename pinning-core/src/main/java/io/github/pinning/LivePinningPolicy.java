package io.github.pinning;

import java.time.Instant;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

import org.jspecify.annotations.Nullable;

/**
 * The policy in force, which can be replaced while running as a whole. Trust managers read it
 * once per handshake, so that each handshake is judged by the old policy or the new one,
 * never a mix and never none. Listeners hear of each replacement after it took effect.
 */
public final class LivePinningPolicy {

	private volatile PinningPolicy current;

	private volatile @Nullable Change lastChange;

	private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

	private LivePinningPolicy(PinningPolicy initial) {
		this.current = initial;
	}

	/**
	 * Returns a live policy that starts with the given one.
	 * @param initial the policy in force until it is replaced
	 * @return the live policy
	 */
	public static LivePinningPolicy of(PinningPolicy initial) {
		return new LivePinningPolicy(initial);
	}

	/**
	 * Returns the policy in force.
	 * @return the policy
	 */
	public PinningPolicy get() {
		return this.current;
	}

	/**
	 * Replaces the policy in force, unless the new one holds the same pin sets.
	 * @param next the new policy
	 * @param source where the change came from, for the log and the endpoint
	 * @param time when the change was applied
	 * @return the change, or {@code null} if the pin sets are the same
	 */
	public synchronized @Nullable Change replace(PinningPolicy next, String source, Instant time) {
		PinningPolicy previous = this.current;
		Set<String> changed = changedSets(previous, next);
		if (changed.isEmpty()) {
			return null;
		}
		this.current = next;
		Change change = new Change(previous, next, changed, source, time);
		this.lastChange = change;
		for (ChangeListener listener : this.listeners) {
			listener.onChange(change);
		}
		return change;
	}

	/**
	 * Returns the last change applied.
	 * @return the change, or {@code null} if the policy never changed
	 */
	public @Nullable Change lastChange() {
		return this.lastChange;
	}

	/**
	 * Adds a listener that hears of every replacement, on the thread that replaced the policy.
	 * @param listener the listener
	 */
	public void addListener(ChangeListener listener) {
		this.listeners.add(listener);
	}

	private static Set<String> changedSets(PinningPolicy previous, PinningPolicy next) {
		Map<String, PinSet> before = byName(previous);
		Map<String, PinSet> after = byName(next);
		Set<String> names = new LinkedHashSet<>(before.keySet());
		names.addAll(after.keySet());
		names.removeIf((name) -> Objects.equals(before.get(name), after.get(name)));
		return names;
	}

	private static Map<String, PinSet> byName(PinningPolicy policy) {
		return policy.pinSets().stream().collect(Collectors.toMap(PinSet::name, Function.identity()));
	}

	/**
	 * Hears of replaced policies.
	 */
	@FunctionalInterface
	public interface ChangeListener {

		/**
		 * Called after a policy was replaced.
		 * @param change the change
		 */
		void onChange(Change change);

	}

	/**
	 * One replacement of the policy.
	 *
	 * @param previous the policy before
	 * @param next the policy now in force
	 * @param changedSets the names of the pin sets added, removed or changed
	 * @param source where the change came from
	 * @param time when it was applied
	 */
	public record Change(PinningPolicy previous, PinningPolicy next, Set<String> changedSets, String source,
			Instant time) {

		/**
		 * Returns whether the pins of a host differ between the two policies: a session
		 * established under the previous pins must not be resumed under the new ones.
		 * @param host the host
		 * @return whether its pin set changed
		 */
		public boolean changesHost(String host) {
			return !Objects.equals(this.previous.pinSetFor(host), this.next.pinSetFor(host));
		}

		/**
		 * Invalidates the cached sessions of the hosts whose pins changed, so that the next
		 * connection to each is a full handshake, judged by the new pins: a resumed session
		 * would skip them.
		 * @param sessions a client context's session cache
		 * @return how many sessions were invalidated
		 */
		public int invalidateSessions(SSLSessionContext sessions) {
			int invalidated = 0;
			for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements();) {
				SSLSession session = sessions.getSession(ids.nextElement());
				String host = (session != null) ? session.getPeerHost() : null;
				if (session != null && (host == null || changesHost(host))) {
					session.invalidate();
					invalidated++;
				}
			}
			return invalidated;
		}

	}

}
