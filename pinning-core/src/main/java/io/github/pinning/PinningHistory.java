package io.github.pinning;

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
 * when the last one happened, and the most recent violations themselves. Health and the
 * Actuator endpoint read it; nothing here opens a connection.
 */
public final class PinningHistory implements PinningListener {

	/** How many recent violations are kept. */
	public static final int DEFAULT_CAPACITY = 100;

	private final PinningViolation[] recent;

	private long written;

	private final Map<String, SetHistory> sets = new ConcurrentHashMap<>();

	/**
	 * Creates a history that keeps the last {@value #DEFAULT_CAPACITY} violations.
	 */
	public PinningHistory() {
		this(DEFAULT_CAPACITY);
	}

	/**
	 * Creates a history that keeps the given number of recent violations.
	 * @param capacity how many violations to keep
	 */
	public PinningHistory(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
		}
		this.recent = new PinningViolation[capacity];
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

	private static final class SetHistory {

		private final AtomicLong count = new AtomicLong();

		private final AtomicReference<@Nullable Instant> last = new AtomicReference<>();

		void record(PinningViolation violation) {
			this.count.incrementAndGet();
			latest(this.last, violation.time());
		}

		private static void latest(AtomicReference<@Nullable Instant> reference, Instant time) {
			reference.accumulateAndGet(time, (current, next) -> (current == null || next.isAfter(current)) ? next : current);
		}

	}

}
