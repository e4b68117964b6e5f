package io.github.pinning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Remembers what pinning did, in bounded memory: per pin set the number of violations and
 * when the last one happened, when each pin last matched and, per host, until when the chain
 * it serves keeps matching (the lockout forecast); and the most recent violations themselves.
 * Health, metrics and the Actuator endpoint read it; nothing here opens a connection.
 */
public final class PinningHistory implements PinningListener {

	/** How many recent violations are kept. */
	public static final int DEFAULT_CAPACITY = 100;

	/** How many hosts a pin set's lockout forecast tells apart; the others share one entry. */
	public static final int MAX_HOSTS_PER_PIN_SET = 100;

	private static final String OTHER_HOSTS = "";

	/** Times of matches are kept to the second, so that a busy host does not write each time. */
	private static final long RESOLUTION_MILLIS = 1000;

	private final PinningViolation[] recent;

	private final Clock clock;

	private long written;

	private final Map<String, SetHistory> sets = new ConcurrentHashMap<>();

	/**
	 * Creates a history that keeps the last {@value #DEFAULT_CAPACITY} violations.
	 */
	public PinningHistory() {
		this(DEFAULT_CAPACITY, Clock.systemUTC());
	}

	/**
	 * Creates a history that keeps the given number of recent violations.
	 * @param capacity how many violations to keep
	 * @param clock stamps matches
	 */
	public PinningHistory(int capacity, Clock clock) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
		}
		this.recent = new PinningViolation[capacity];
		this.clock = clock;
	}

	@Override
	public void onMatch(PinSet pinSet, Pin pin, Instant lockoutAt, String host) {
		SetHistory history = this.sets.get(pinSet.name());
		if (history == null) {
			history = this.sets.computeIfAbsent(pinSet.name(), (name) -> new SetHistory());
		}
		history.recordMatch(pin, lockoutAt.toEpochMilli(), host, this.clock.millis());
	}

	@Override
	public void onViolation(PinningViolation violation) {
		synchronized (this.recent) {
			this.recent[(int) (this.written % this.recent.length)] = violation;
			this.written++;
		}
		this.sets.computeIfAbsent(violation.pinSet().name(), (name) -> new SetHistory()).record(violation);
	}

	/**
	 * Returns the most recent violations, oldest first.
	 * @return at most the capacity's number of violations
	 */
	public List<PinningViolation> recentViolations() {
		synchronized (this.recent) {
			int size = (int) Math.min(this.written, this.recent.length);
			List<PinningViolation> violations = new ArrayList<>(size);
			for (long i = this.written - size; i < this.written; i++) {
				violations.add(this.recent[(int) (i % this.recent.length)]);
			}
			return violations;
		}
	}

	/**
	 * Returns how many violations a pin set has had since the start.
	 * @param pinSet the pin set's name
	 * @return the count
	 */
	public long violationCount(String pinSet) {
		SetHistory history = this.sets.get(pinSet);
		return (history != null) ? history.count.get() : 0;
	}

	/**
	 * Returns when a pin set's last violation happened.
	 * @param pinSet the pin set's name
	 * @return the time, or {@code null} if it has had none
	 */
	public @Nullable Instant lastViolation(String pinSet) {
		SetHistory history = this.sets.get(pinSet);
		return (history != null) ? history.last.get() : null;
	}

	/**
	 * Returns the pins of a set that matched since the given time, the most recent first.
	 * @param pinSet the pin set's name
	 * @param since the start of the window
	 * @return the pins
	 */
	public List<Pin> matchedPins(String pinSet, Instant since) {
		SetHistory history = this.sets.get(pinSet);
		if (history == null) {
			return List.of();
		}
		long start = since.toEpochMilli() - RESOLUTION_MILLIS;
		List<Map.Entry<Pin, AtomicLong>> recent = new ArrayList<>();
		for (Map.Entry<Pin, AtomicLong> entry : history.matched.entrySet()) {
			if (entry.getValue().get() >= start) {
				recent.add(entry);
			}
		}
		recent.sort((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()));
		return recent.stream().map(Map.Entry::getKey).toList();
	}

	/**
	 * Returns the lockout forecast of a pin set: the earliest time, among the hosts that
	 * matched since the given time, at which the certificates whose keys matched have all
	 * expired. A server that renews them then with new keys that are not pinned locks the
	 * set's clients out.
	 * @param pinSet the pin set's name
	 * @param since the start of the window
	 * @return the time, or {@code null} if nothing matched in the window
	 */
	public @Nullable Instant lockoutForecast(String pinSet, Instant since) {
		SetHistory history = this.sets.get(pinSet);
		if (history == null) {
			return null;
		}
		long start = since.toEpochMilli() - RESOLUTION_MILLIS;
		long earliest = Long.MAX_VALUE;
		for (HostForecast forecast : history.forecasts.values()) {
			if (forecast.seenAt >= start) {
				earliest = Math.min(earliest, forecast.lockoutAt);
			}
		}
		return (earliest != Long.MAX_VALUE) ? Instant.ofEpochMilli(earliest) : null;
	}

	/**
	 * Returns how many hosts a pin set's lockout forecast remembers, for tests of its bound.
	 */
	int forecastHosts(String pinSet) {
		SetHistory history = this.sets.get(pinSet);
		return (history != null) ? history.forecasts.size() : 0;
	}

	private static final class SetHistory {

		private final AtomicLong count = new AtomicLong();

		private final AtomicReference<@Nullable Instant> last = new AtomicReference<>();

		/** When each pin last matched; only the set's own pins can match, so it is bounded. */
		private final Map<Pin, AtomicLong> matched = new ConcurrentHashMap<>();

		private final Map<String, HostForecast> forecasts = new ConcurrentHashMap<>();

		void recordMatch(Pin pin, long lockoutAt, String host, long now) {
			AtomicLong matchedAt = this.matched.get(pin);
			if (matchedAt == null) {
				matchedAt = this.matched.computeIfAbsent(pin, (key) -> new AtomicLong());
			}
			if (now - matchedAt.get() >= RESOLUTION_MILLIS) {
				matchedAt.set(now);
			}
			HostForecast forecast = this.forecasts.get(host);
			if (forecast == null) {
				forecast = newForecast(host);
			}
			forecast.record(lockoutAt, now);
		}

		private HostForecast newForecast(String host) {
			synchronized (this.forecasts) {
				HostForecast forecast = this.forecasts.get(host);
				if (forecast == null) {
					String key = (this.forecasts.size() < MAX_HOSTS_PER_PIN_SET) ? host : OTHER_HOSTS;
					forecast = this.forecasts.computeIfAbsent(key, (any) -> new HostForecast(key == OTHER_HOSTS));
				}
				return forecast;
			}
		}

		void record(PinningViolation violation) {
			this.count.incrementAndGet();
			latest(this.last, violation.time());
		}

		private static void latest(AtomicReference<@Nullable Instant> reference, Instant time) {
			reference.accumulateAndGet(time, (current, next) -> (current == null || next.isAfter(current)) ? next : current);
		}

	}

	/**
	 * The lockout time last seen for one host; or, shared by the hosts beyond the cap, the
	 * earliest seen.
	 */
	private static final class HostForecast {

		private final boolean shared;

		private volatile long lockoutAt = Long.MAX_VALUE;

		private volatile long seenAt;

		HostForecast(boolean shared) {
			this.shared = shared;
		}

		void record(long lockoutAt, long now) {
			long current = this.lockoutAt;
			if (current != lockoutAt && !(this.shared && current < lockoutAt)) {
				this.lockoutAt = lockoutAt;
			}
			if (now - this.seenAt >= RESOLUTION_MILLIS) {
				this.seenAt = now;
			}
		}

	}

}
