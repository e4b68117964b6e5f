package io.github.pinning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Maps a host to the pin set that applies to it. Where patterns of several sets match one host
 * the most specific wins: the pattern whose fixed part (the whole name, or the domain after the
 * wildcard) is the longest, and on a tie exact, then {@code *.}, then {@code **.}. A pattern
 * matches here exactly the hosts its {@link HostPattern#matches(String)} accepts, hosts with
 * empty labels included.
 */
public final class PinningPolicy {

	private static final PinningPolicy EMPTY = new PinningPolicy(List.of());

	static final int MAX_REMEMBERED_HOSTS = 1024;

	private static final Object UNPINNED = new Object();

	private final List<PinSet> pinSets;

	private final Map<String, PinSet> exact = new HashMap<>();

	private final Map<String, PinSet> oneLabel = new HashMap<>();

	private final Map<String, PinSet> anyDepth = new HashMap<>();

	private final boolean enforcing;

	/** Hosts already looked up, so that a repeated host costs one map look-up. */
	private final Map<String, Object> byHost = new ConcurrentHashMap<>();

	private PinningPolicy(List<PinSet> pinSets) {
		this.pinSets = List.copyOf(pinSets);
		Map<HostPattern, PinSet> owners = new HashMap<>();
		for (PinSet pinSet : this.pinSets) {
			for (HostPattern pattern : pinSet.hosts()) {
				PinSet owner = owners.putIfAbsent(pattern, pinSet);
				if (owner != null && !owner.name().equals(pinSet.name())) {
					throw new IllegalArgumentException("host pattern '" + pattern + "' appears in pin sets '"
							+ owner.name() + "' and '" + pinSet.name() + "'; a host pattern may belong to one pin set only");
				}
				mapFor(pattern.kind()).put(pattern.domain(), pinSet);
			}
		}
		this.enforcing = this.pinSets.stream().anyMatch((pinSet) -> pinSet.mode() == PinningMode.ENFORCE);
	}

	/**
	 * Creates a policy of the given pin sets.
	 * @param pinSets the pin sets
	 * @return the policy
	 * @throws IllegalArgumentException if two sets share a name or a host pattern
	 */
	public static PinningPolicy of(Collection<PinSet> pinSets) {
		List<String> names = new ArrayList<>();
		for (PinSet pinSet : pinSets) {
			if (names.contains(pinSet.name())) {
				throw new IllegalArgumentException("two pin sets are named '" + pinSet.name() + "'");
			}
			names.add(pinSet.name());
		}
		return new PinningPolicy(List.copyOf(pinSets));
	}

	/**
	 * Creates a policy of the given pin sets.
	 * @param pinSets the pin sets
	 * @return the policy
	 */
	public static PinningPolicy of(PinSet... pinSets) {
		return of(List.of(pinSets));
	}

	/**
	 * Returns a policy that pins no host.
	 * @return the empty policy
	 */
	public static PinningPolicy empty() {
		return EMPTY;
	}

	private Map<String, PinSet> mapFor(HostPattern.Kind kind) {
		return switch (kind) {
			case EXACT -> this.exact;
			case ONE_LABEL -> this.oneLabel;
			case ANY_DEPTH -> this.anyDepth;
		};
	}

	/**
	 * Returns the pin set for a host.
	 * @param host the host the client connected to
	 * @return the most specific pin set whose patterns match, or {@code null} if the host is
	 * not pinned
	 */
	public @Nullable PinSet pinSetFor(String host) {
		if (this.pinSets.isEmpty()) {
			return null;
		}
		Object known = this.byHost.get(host);
		if (known == null) {
			PinSet pinSet = lookUp(host);
			known = (pinSet != null) ? pinSet : UNPINNED;
			if (this.byHost.size() >= MAX_REMEMBERED_HOSTS) {
				this.byHost.clear();
			}
			this.byHost.put(host, known);
		}
		return (known != UNPINNED) ? (PinSet) known : null;
	}

	private @Nullable PinSet lookUp(String host) {
		String normalized = HostNames.normalize(host);
		if (normalized == null) {
			return null;
		}
		PinSet pinSet = this.exact.get(normalized);
		if (pinSet != null || HostNames.isIpLiteral(normalized)) {
			return pinSet;
		}
		pinSet = this.anyDepth.get(normalized);
		// Domains after each dot, longest first; a wildcard stands for at least one character.
		int firstDot = normalized.indexOf('.');
		for (int dot = firstDot; pinSet == null && dot >= 0; dot = normalized.indexOf('.', dot + 1)) {
			if (dot > 0) {
				String domain = normalized.substring(dot + 1);
				pinSet = (dot == firstDot) ? this.oneLabel.get(domain) : null;
				if (pinSet == null) {
					pinSet = this.anyDepth.get(domain);
				}
			}
		}
		return pinSet;
	}

	/**
	 * Returns how many host look-ups are remembered, for tests of the memory bound.
	 */
	int rememberedHosts() {
		return this.byHost.size();
	}

	/**
	 * Returns the pin sets in the order they were given.
	 * @return the pin sets
	 */
	public List<PinSet> pinSets() {
		return this.pinSets;
	}

	/**
	 * Returns whether the policy pins no host at all.
	 * @return whether there are no pin sets
	 */
	public boolean isEmpty() {
		return this.pinSets.isEmpty();
	}

	/**
	 * Returns whether any pin set is enforced (its expiry aside).
	 * @return whether a violation can fail a handshake
	 */
	public boolean isEnforcing() {
		return this.enforcing;
	}

}
