package io.github.pinning.autoconfigure.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.pinning.Pin;
import io.github.pinning.PinCheckOutcome;
import io.github.pinning.PinSet;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningViolation;
import io.github.pinning.report.ReportListener;
import io.github.pinning.report.ReportOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

/**
 * Counts pin checks, matches by pin, violations and reports in Micrometer, and gauges the time
 * until each pin set expires and until its lockout forecast. Counters are registered up front,
 * so a check costs map look-ups and one increment; the {@code host} tag of violations is capped
 * per pin set.
 */
public final class PinningMetrics implements PinningListener, ReportListener {

	/** How many distinct {@code host} tag values a pin set's violations may have. */
	public static final int MAX_HOSTS_PER_PIN_SET = 100;

	/** The {@code host} tag value of violations beyond the cap. */
	public static final String OTHER_HOST = "other";

	private final MeterRegistry registry;

	private final Map<String, Counter[]> checks = new HashMap<>();

	private final Map<String, Map<Pin, Counter>> matches = new HashMap<>();

	private final Map<String, Map<String, Counter>> violations = new ConcurrentHashMap<>();

	private final Counter[] reports = new Counter[ReportOutcome.values().length];

	/**
	 * Registers the pinning meters of a policy.
	 * @param registry where the meters go
	 * @param policy the pin sets to count
	 * @param history tells the lockout forecasts
	 * @param recently how long ago a match still counts for the lockout forecast
	 * @param clock tells the time until expiry
	 */
	public PinningMetrics(MeterRegistry registry, PinningPolicy policy, PinningHistory history, Duration recently,
			Clock clock) {
		this.registry = registry;
		for (PinSet pinSet : policy.pinSets()) {
			Counter[] counters = new Counter[PinCheckOutcome.values().length];
			for (PinCheckOutcome outcome : PinCheckOutcome.values()) {
				counters[outcome.ordinal()] = Counter.builder("pinning.checks")
					.description("TLS connections to pinned hosts, by outcome")
					.tag("pin.set", pinSet.name())
					.tag("mode", pinSet.mode().value())
					.tag("outcome", outcome.value())
					.register(registry);
			}
			this.checks.put(pinSet.name(), counters);
			Map<Pin, Counter> byPin = new HashMap<>();
			for (Pin pin : pinSet.pins()) {
				byPin.put(pin, Counter.builder("pinning.matches")
					.description("TLS connections whose validated chain matched, by the pin that matched nearest the leaf")
					.tag("pin.set", pinSet.name())
					.tag("pin", pin.toString())
					.register(registry));
			}
			this.matches.put(pinSet.name(), byPin);
			TimeGauge.builder("pinning.lockout.forecast", () -> secondsUntilLockout(history, pinSet, recently, clock),
					TimeUnit.SECONDS)
				.description("Time until the certificates whose keys matched recently have all expired; a renewal"
						+ " with unpinned keys then locks clients out")
				.tag("pin.set", pinSet.name())
				.register(registry);
			Instant expiresAt = pinSet.expiresAt();
			if (expiresAt != null) {
				TimeGauge.builder("pinning.expiry", () -> Duration.between(clock.instant(), expiresAt).toSeconds(),
						TimeUnit.SECONDS)
					.description("Time until the pin set expires and is no longer enforced")
					.tag("pin.set", pinSet.name())
					.register(registry);
			}
		}
		for (ReportOutcome outcome : ReportOutcome.values()) {
			this.reports[outcome.ordinal()] = Counter.builder("pinning.reports")
				.description("Violation reports, by outcome")
				.tag("outcome", outcome.value())
				.register(registry);
		}
	}

	@Override
	public void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
		Counter[] counters = this.checks.get(pinSet.name());
		if (counters != null) {
			counters[outcome.ordinal()].increment();
		}
	}

	private static double secondsUntilLockout(PinningHistory history, PinSet pinSet, Duration recently, Clock clock) {
		Instant now = clock.instant();
		Instant lockoutAt = history.lockoutForecast(pinSet.name(), now.minus(recently));
		return (lockoutAt != null) ? Duration.between(now, lockoutAt).toSeconds() : Double.NaN;
	}

	@Override
	public void onMatch(PinSet pinSet, Pin pin, Instant lockoutAt, String host) {
		Map<Pin, Counter> byPin = this.matches.get(pinSet.name());
		Counter counter = (byPin != null) ? byPin.get(pin) : null;
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void onViolation(PinningViolation violation) {
		PinSet pinSet = violation.pinSet();
		Map<String, Counter> byHost = this.violations.computeIfAbsent(pinSet.name(), (name) -> new ConcurrentHashMap<>());
		String host = violation.host().toLowerCase(Locale.ROOT);
		Counter counter = byHost.get(host);
		if (counter == null) {
			counter = hostCounter(byHost, pinSet, host);
		}
		counter.increment();
	}

	private Counter hostCounter(Map<String, Counter> byHost, PinSet pinSet, String host) {
		synchronized (byHost) {
			Counter counter = byHost.get(host);
			if (counter != null) {
				return counter;
			}
			String tag = (byHost.size() < MAX_HOSTS_PER_PIN_SET) ? host : OTHER_HOST;
			counter = Counter.builder("pinning.violations")
				.description("Connections whose validated chain held none of the pins")
				.tag("pin.set", pinSet.name())
				.tag("mode", pinSet.mode().value())
				.tag("host", tag)
				.register(this.registry);
			byHost.put(tag, counter);
			return counter;
		}
	}

	@Override
	public void onReport(ReportOutcome outcome) {
		this.reports[outcome.ordinal()].increment();
	}

}
