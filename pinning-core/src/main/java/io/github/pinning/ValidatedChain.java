package io.github.pinning;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A served chain as validated by the {@link ChainCleaner}: its first accepted path with the pin
 * of each certificate, and how it matches the last pin set it was checked against (a cached
 * chain meets the same pin set again and again, so the steady state costs one read).
 * <p>
 * A pin set is matched against the first accepted path; only where that path holds none of
 * its pins are the other accepted paths (cross-signed intermediates) searched, until one holds
 * a pin, within what is left of the check's signature budget.
 */
final class ValidatedChain {

	private final ChainCleaner cleaner;

	private final X509Certificate[] served;

	private final List<X509Certificate> certificates;

	private final List<Pin> pins;

	private final int signaturesSpent;

	private final @Nullable String cutShort;

	private final long checkedAt;

	private final long recheckAt;

	private volatile @Nullable Match lastMatch;

	private volatile ChainCleaner.@Nullable Found everyPath;

	/**
	 * Creates the validated chain; each certificate's pin is computed once.
	 * @param cleaner the cleaner that searches the other paths, where needed
	 * @param served the chain as served, not to be changed
	 * @param first what the search for the first accepted path found
	 * @param checkedAt when it was found
	 */
	ValidatedChain(ChainCleaner cleaner, X509Certificate[] served, ChainCleaner.Found first, long checkedAt) {
		this.cleaner = cleaner;
		this.served = served;
		this.certificates = (first.path() != null) ? first.path() : List.of(served[0]);
		this.pins = pinsOf(this.certificates);
		this.signaturesSpent = first.spent();
		this.cutShort = first.cutShort();
		this.checkedAt = checkedAt;
		this.recheckAt = first.recheckAt();
	}

	private static List<Pin> pinsOf(List<X509Certificate> certificates) {
		List<Pin> pins = new ArrayList<>(certificates.size());
		for (X509Certificate certificate : certificates) {
			pins.add(Pin.of(certificate));
		}
		return List.copyOf(pins);
	}

	/**
	 * Returns whether this outcome still holds at a time.
	 */
	boolean holdsAt(long now) {
		return now >= this.checkedAt && now < this.recheckAt;
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
	 * Returns how the chain matches a pin set: the first accepted path if it holds one of the
	 * set's pins, else the first other accepted path that does.
	 * @param pinSet the pin set
	 * @return the outcome, whose pin is {@code null} if no path holds one
	 */
	Match check(PinSet pinSet) {
		return check(pinSet, this.cleaner.now());
	}

	/**
	 * Returns how the chain matches a pin set at a time.
	 * @param pinSet the pin set
	 * @param now the time, from the cleaner's clock
	 * @return the outcome, whose pin is {@code null} if no path holds one
	 */
	Match check(PinSet pinSet, long now) {
		Match match = this.lastMatch;
		if (match == null || match.pinSet() != pinSet || now < this.checkedAt || now >= match.recheckAt()) {
			match = Match.on(pinSet, this.certificates, this.pins, this.recheckAt, this.cutShort);
			if (match.pin() == null && this.certificates.size() > 1 && this.cleaner.mayHoldPin(this.served, pinSet)) {
				match = searchOtherPaths(pinSet, now);
			}
			this.lastMatch = match;
		}
		return match;
	}

	private Match searchOtherPaths(PinSet pinSet, long now) {
		int budget = ChainCleaner.signatureBudget(this.served.length) - this.signaturesSpent;
		ChainCleaner.Found found = this.cleaner.search(this.served, now, (path) -> holdsPin(path, pinSet), pinSet,
				budget);
		List<X509Certificate> path = (found.path() != null) ? found.path() : this.certificates;
		List<Pin> pins = (found.path() != null) ? pinsOf(path) : this.pins;
		return Match.on(pinSet, path, pins, Math.min(this.recheckAt, found.recheckAt()), found.cutShort());
	}

	private static boolean holdsPin(List<X509Certificate> path, PinSet pinSet) {
		for (X509Certificate certificate : path) {
			if (pinSet.pins().contains(Pin.of(certificate))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the pins of every certificate on any accepted path, nearest the leaf first, as far
	 * as a search within the bound finds them: what any pin set could match.
	 */
	List<Pin> matchable() {
		List<Pin> pins = new ArrayList<>();
		pins.add(this.pins.get(0));
		for (X509Certificate certificate : everyPath().onAcceptedPaths()) {
			Pin pin = Pin.of(certificate);
			if (!pins.contains(pin)) {
				pins.add(pin);
			}
		}
		return pins;
	}

	/**
	 * Returns whether the search behind {@link #matchable()} tried every path.
	 */
	boolean complete() {
		return everyPath().cutShort() == null;
	}

	private ChainCleaner.Found everyPath() {
		ChainCleaner.Found found = this.everyPath;
		if (found == null) {
			found = this.cleaner.search(this.served, this.cleaner.now(), (path) -> false, null,
					ChainCleaner.signatureBudget(this.served.length));
			this.everyPath = found;
		}
		return found;
	}

	/**
	 * How a chain matches a pin set.
	 *
	 * @param pinSet the pin set
	 * @param pin the set's pin that matched nearest the leaf on the matching path, or
	 * {@code null} if none did
	 * @param lockoutAt the latest {@code notAfter} among the matching path's certificates whose
	 * keys are pins of the set
	 * @param recheckAt when a verdict behind this outcome may change, in epoch millis
	 * @param cutShort why the search for a path holding a pin ended early, if it did and found
	 * none; else {@code null}
	 */
	record Match(PinSet pinSet, @Nullable Pin pin, @Nullable Instant lockoutAt, long recheckAt,
			@Nullable String cutShort) {

		static Match on(PinSet pinSet, List<X509Certificate> path, List<Pin> pins, long recheckAt,
				@Nullable String cutShort) {
			Pin nearest = null;
			Instant lockoutAt = null;
			for (int i = 0; i < path.size(); i++) {
				if (pinSet.pins().contains(pins.get(i))) {
					Instant expiry = path.get(i).getNotAfter().toInstant();
					nearest = (nearest != null) ? nearest : pins.get(i);
					lockoutAt = (lockoutAt == null || expiry.isAfter(lockoutAt)) ? expiry : lockoutAt;
				}
			}
			return new Match(pinSet, nearest, lockoutAt, recheckAt, (nearest != null) ? null : cutShort);
		}

	}

}
