package io.github.pinning.autoconfigure.log;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a warning about one pin set through at most once a day, however many threads ask. Keys
 * are pin set names, so memory is bounded by the configuration.
 */
final class DailyWarnings {

	static final long INTERVAL_MILLIS = Duration.ofDays(1).toMillis();

	private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

	/**
	 * Returns whether a warning about the given pin set is due, and if so records it as given.
	 * @param pinSet the pin set's name
	 * @param now the time in epoch millis
	 * @return whether to warn
	 */
	boolean due(String pinSet, long now) {
		Long last = this.lastWarned.get(pinSet);
		if (last != null && now < last + INTERVAL_MILLIS) {
			return false;
		}
		boolean[] due = { false };
		this.lastWarned.compute(pinSet, (name, previous) -> {
			if (previous == null || now >= previous + INTERVAL_MILLIS) {
				due[0] = true;
				return now;
			}
			return previous;
		});
		return due[0];
	}

}
