package io.github.pinning;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A chain as validated by the {@link ChainCleaner}, with the pin of each certificate, and how
 * it matches the last pin set it was checked against (a cached chain meets the same pin set
 * again and again, so the steady state costs one read).
 */
final class ValidatedChain {

	private final List<X509Certificate> certificates;

	private final List<Pin> pins;

	private final List<Pin> matchable;

	private final List<Instant> notAfter;

	private final boolean complete;

	private volatile @Nullable Match lastMatch;

	private ValidatedChain(List<X509Certificate> certificates, List<Pin> pins, List<Pin> matchable,
			List<Instant> notAfter, boolean complete) {
		this.certificates = certificates;
		this.pins = pins;
		this.matchable = matchable;
		this.notAfter = notAfter;
		this.complete = complete;
	}

	/**
	 * Creates the validated chain; each certificate's pin is computed once.
	 * @param certificates the chain, leaf first, each also among {@code onAnyPath}
	 * @param onAnyPath the certificates whose pins may match, nearest the leaf first
	 * @param complete whether every candidate path was judged
	 * @return the validated chain
	 */
	static ValidatedChain of(List<X509Certificate> certificates, Collection<X509Certificate> onAnyPath,
			boolean complete) {
		Map<X509Certificate, Pin> pinOf = new LinkedHashMap<>();
		for (X509Certificate certificate : onAnyPath) {
			pinOf.put(certificate, Pin.of(certificate));
		}
		List<Pin> pins = new ArrayList<>(certificates.size());
		for (X509Certificate certificate : certificates) {
			pins.add(pinOf.computeIfAbsent(certificate, Pin::of));
		}
		Map<Pin, Instant> notAfterOf = new LinkedHashMap<>();
		pinOf.forEach((certificate, pin) -> notAfterOf.merge(pin, certificate.getNotAfter().toInstant(),
				ValidatedChain::later));
		return new ValidatedChain(List.copyOf(certificates), List.copyOf(pins), List.copyOf(notAfterOf.keySet()),
				List.copyOf(notAfterOf.values()), complete);
	}

	/** Certificates that share a key (cross-signed ones) keep it matchable until the last expires. */
	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/**
	 * Returns the validated chain, leaf first: the first path PKIX accepts, or the leaf alone.
	 */
	List<X509Certificate> certificates() {
		return this.certificates;
	}

	/**
	 * Returns the pin of each certificate of {@link #certificates()}, in the same order.
	 */
	List<Pin> pins() {
		return this.pins;
	}

	/**
	 * Returns the pins that may match: the leaf's, and those of every certificate on any path
	 * from the leaf to a trust anchor that PKIX accepts (cross-signed intermediates give
	 * several), nearest the leaf first. A pin set matches if it holds one.
	 */
	List<Pin> matchable() {
		return this.matchable;
	}

	/**
	 * Returns whether every candidate path was judged; a search cut by its bound may leave out
	 * pins, never add one.
	 */
	boolean complete() {
		return this.complete;
	}

	/**
	 * Returns how the chain matches a pin set.
	 * @param pinSet the pin set
	 * @return the match, or {@code null} if the chain holds none of the set's pins
	 */
	@Nullable Match match(PinSet pinSet) {
		Match match = this.lastMatch;
		if (match == null || match.pinSet() != pinSet) {
			match = computeMatch(pinSet);
			this.lastMatch = match;
		}
		return (match.pin() != null) ? match : null;
	}

	private Match computeMatch(PinSet pinSet) {
		Pin nearest = null;
		Instant lockoutAt = null;
		for (int i = 0; i < this.matchable.size(); i++) {
			if (pinSet.pins().contains(this.matchable.get(i))) {
				Instant expiry = this.notAfter.get(i);
				nearest = (nearest != null) ? nearest : this.matchable.get(i);
				lockoutAt = (lockoutAt != null) ? later(lockoutAt, expiry) : expiry;
			}
		}
		return new Match(pinSet, nearest, lockoutAt);
	}

	/**
	 * How a chain matches a pin set.
	 *
	 * @param pinSet the pin set
	 * @param pin the set's pin that matched nearest the leaf, or {@code null} if none did
	 * @param lockoutAt the latest {@code notAfter} among the certificates whose keys are pins of
	 * the set (a key that cross-signed certificates share counts until the last of them expires)
	 */
	record Match(PinSet pinSet, @Nullable Pin pin, @Nullable Instant lockoutAt) {

	}

}
