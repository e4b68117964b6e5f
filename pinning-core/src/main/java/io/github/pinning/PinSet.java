package io.github.pinning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A named set of pins and the hosts it applies to.
 *
 * @param name the name, as in {@code pinning.pin-sets.<name>}
 * @param hosts the host patterns the set applies to
 * @param pins the pins, any one of which the validated chain must hold
 * @param mode what a violation does
 * @param expires the last day (UTC) on which the set is checked, or {@code null}
 */
public record PinSet(String name, List<HostPattern> hosts, Set<Pin> pins, PinningMode mode,
		@Nullable LocalDate expires) {

	private static final long MILLIS_PER_DAY = 86_400_000L;

	/**
	 * Creates a pin set.
	 * @param name the name, as under {@code pinning.pin-sets}
	 * @param hosts the host patterns
	 * @param pins the pins
	 * @param mode what a violation does
	 * @param expires the last day (UTC) on which the set is checked, or {@code null}
	 * @throws IllegalArgumentException if the name is blank or there are no hosts or no pins
	 */
	public PinSet {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a pin set needs a name");
		}
		if (hosts == null || hosts.isEmpty()) {
			throw new IllegalArgumentException("pin set '" + name + "' needs at least one host");
		}
		if (pins == null || pins.isEmpty()) {
			throw new IllegalArgumentException("pin set '" + name + "' needs at least one pin");
		}
		hosts = List.copyOf(new LinkedHashSet<>(hosts));
		pins = Collections.unmodifiableSet(new LinkedHashSet<>(pins));
	}

	/**
	 * Creates an enforced pin set without expiry.
	 * @param name the name
	 * @param hosts the host patterns, as text
	 * @param pins the pins, as text
	 * @return the pin set
	 */
	public static PinSet of(String name, Collection<String> hosts, Collection<String> pins) {
		return new PinSet(name, hosts.stream().map(HostPattern::parse).toList(),
				new LinkedHashSet<>(pins.stream().map(Pin::parse).toList()), PinningMode.ENFORCE, null);
	}

	/**
	 * Returns this set with another mode.
	 * @param mode the mode
	 * @return the new set
	 */
	public PinSet withMode(PinningMode mode) {
		return new PinSet(this.name, this.hosts, this.pins, mode, this.expires);
	}

	/**
	 * Returns this set with another expiry date.
	 * @param expires the last day the set is checked, or {@code null} for none
	 * @return the new set
	 */
	public PinSet withExpires(@Nullable LocalDate expires) {
		return new PinSet(this.name, this.hosts, this.pins, this.mode, expires);
	}

	/**
	 * Returns the instant from which the set is no longer checked: the start of the day after
	 * {@link #expires()}, in UTC.
	 * @return the instant, or {@code null} if the set does not expire
	 */
	public @Nullable Instant expiresAt() {
		return (this.expires != null) ? this.expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	/**
	 * Returns whether the set has expired at the given instant.
	 * @param now the instant
	 * @return whether it is past the end of the expiry day
	 */
	public boolean isExpired(Instant now) {
		return isExpiredAt(now.toEpochMilli());
	}

	/**
	 * Returns whether the set has expired at the given time, without allocating: the check of
	 * every handshake to a set with an expiry goes through here.
	 * @param epochMillis the time, in milliseconds since the epoch
	 * @return whether it is past the end of the expiry day
	 */
	public boolean isExpiredAt(long epochMillis) {
		return epochMillis >= expiryEpochMillis();
	}

	/**
	 * Returns the start of the day after {@link #expires()}, in UTC, in milliseconds since the
	 * epoch.
	 * @return the time, or {@link Long#MAX_VALUE} if the set does not expire
	 */
	public long expiryEpochMillis() {
		return (this.expires != null) ? (this.expires.toEpochDay() + 1) * MILLIS_PER_DAY : Long.MAX_VALUE;
	}

	/**
	 * Returns the most specific of this set's patterns that matches a host.
	 * @param host the host
	 * @return the pattern, or {@code null} if none matches
	 */
	public @Nullable HostPattern patternFor(String host) {
		return this.hosts.stream()
			.filter((pattern) -> pattern.matches(host))
			.min(HostPattern.MOST_SPECIFIC_FIRST)
			.orElse(null);
	}

}
