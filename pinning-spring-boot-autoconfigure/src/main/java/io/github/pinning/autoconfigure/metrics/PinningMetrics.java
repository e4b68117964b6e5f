package io.github.pinning.autoconfigure.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.Pin;
import io.github.pinning.PinCheckOutcome;
import io.github.pinning.PinSet;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningViolation;
import io.github.pinning.autoconfigure.live.PinningReloader;
import io.github.pinning.report.ReportListener;
import io.github.pinning.report.ReportOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

/**
 * Counts pin checks, matches by pin, violations, reports and reloads in Micrometer, and gauges
 * the time until each pin set expires and until its lockout forecast. The meters of each pin
 * set are registered up front, and again for the sets of a new policy when it replaces the
 * old, so that a check costs map look-ups and one increment; the {@code host} tag of
 * violations is capped per pin set.
 */
public final class PinningMetrics implements PinningListener, ReportListener, PinningReloader.ReloadListener {

	/** How many distinct {@code host} tag values a pin set's violations may have. */
	public static final int MAX_HOSTS_PER_PIN_SET = 100;

	/** The {@code host} tag value of violations beyond the cap. */
	public static final String OTHER_HOST = "other";

	private final MeterRegistry registry;

	private final LivePinningPolicy policy;

	private final PinningHistory history;

	private final Duration recently;

	private final Clock clock;

	/** The counters of each pin set by name, for the pin set object they were made for. */
	private final Map<String, SetMeters> sets = new ConcurrentHashMap<>();

	private final Set<String> lockoutGauged = ConcurrentHashMap.newKeySet();

	private final Set<String> expiryGauged = ConcurrentHashMap.newKeySet();

	private final Map<String, Map<String, Counter>> violations = new ConcurrentHashMap<>();

	private final Counter[] reports = new Counter[ReportOutcome.values().length];

	private final Counter reloadsApplied;

	private final Counter reloadsRejected;

	/**
	 * Registers the pinning meters of a policy, and of every policy that replaces it.
	 * @param registry where the meters go
	 * @param policy the pin sets to count
	 * @param history tells the lockout forecasts
	 * @param recently how long ago a match still counts for the lockout forecast
	 * @param clock tells the time until expiry
	 */
	public PinningMetrics(MeterRegistry registry, LivePinningPolicy policy, PinningHistory history, Duration recently,
			Clock clock) {
		this.registry = registry;
		this.policy = policy;
		this.history = history;
		this.recently = recently;
		this.clock = clock;
		policy.get().pinSets().forEach(this::register);
		policy.addListener((change) -> change.next().pinSets().forEach(this::register));
		for (ReportOutcome outcome : ReportOutcome.values()) {
			this.reports[outcome.ordinal()] = Counter.builder("pinning.reports")
				.description("Violation reports, by outcome")
				.tag("outcome", outcome.value())
				.register(registry);
		}
		this.reloadsApplied = reloads("applied");
		this.reloadsRejected = reloads("rejected");
	}

	private Counter reloads(String outcome) {
		return Counter.builder("pinning.reloads")
			.description("Pin changes while running, applied or rejected as invalid")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private SetMeters register(PinSet pinSet) {
		Counter[] checks = new Counter[PinCheckOutcome.values().length];
		for (PinCheckOutcome outcome : PinCheckOutcome.values()) {
			checks[outcome.ordinal()] = Counter.builder("pinning.checks")
				.description("TLS connections to pinned hosts, by outcome")
				.tag("pin.set", pinSet.name())
				.tag("mode", pinSet.mode().value())
				.tag("outcome", outcome.value())
				.register(this.registry);
		}
		Map<Pin, Counter> matches = new HashMap<>();
		for (Pin pin : pinSet.pins()) {
			matches.put(pin, Counter.builder("pinning.matches")
				.description("TLS connections whose validated chain matched, by the pin that matched nearest the leaf")
				.tag("pin.set", pinSet.name())
				.tag("pin", pin.toString())
				.register(this.registry));
		}
		SetMeters meters = new SetMeters(pinSet, checks, matches);
		this.sets.put(pinSet.name(), meters);
		String name = pinSet.name();
		if (this.lockoutGauged.add(name)) {
			TimeGauge.builder("pinning.lockout.forecast", () -> secondsUntilLockout(name), TimeUnit.SECONDS)
				.description("Time until the certificates whose keys matched recently have all expired; a renewal"
						+ " with unpinned keys then locks clients out")
				.tag("pin.set", name)
				.register(this.registry);
		}
		if (pinSet.expires() != null && this.expiryGauged.add(name)) {
			TimeGauge.builder("pinning.expiry", () -> secondsUntilExpiry(name), TimeUnit.SECONDS)
				.description("Time until the pin set expires and is no longer enforced")
				.tag("pin.set", name)
				.register(this.registry);
		}
		return meters;
	}

	private double secondsUntilExpiry(String name) {
		SetMeters meters = this.sets.get(name);
		Instant expiresAt = (meters != null && isInForce(meters.pinSet())) ? meters.pinSet().expiresAt() : null;
		return (expiresAt != null) ? Duration.between(this.clock.instant(), expiresAt).toSeconds() : Double.NaN;
	}

	private double secondsUntilLockout(String name) {
		Instant now = this.clock.instant();
		Instant lockoutAt = this.history.lockoutForecast(name, now.minus(this.recently));
		return (lockoutAt != null) ? Duration.between(now, lockoutAt).toSeconds() : Double.NaN;
	}

	private boolean isInForce(PinSet pinSet) {
		return this.policy.get().pinSets().contains(pinSet);
	}

	private SetMeters meters(PinSet pinSet) {
		SetMeters meters = this.sets.get(pinSet.name());
		return (meters != null && meters.pinSet() == pinSet) ? meters : register(pinSet);
	}

	@Override
	public void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
		meters(pinSet).checks()[outcome.ordinal()].increment();
	}

	@Override
	public void onMatch(PinSet pinSet, Pin pin, Instant lockoutAt, String host) {
		Counter counter = meters(pinSet).matches().get(pin);
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void onViolation(PinningViolation violation) {
		PinSet pinSet = violation.pinSet();
		Map<String, Counter> byHost = this.violations.computeIfAbsent(pinSet.name() + '\u0000' + pinSet.mode().value(),
				(name) -> new ConcurrentHashMap<>());
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

	/**
	 * Counts a pin change while running.
	 * @param applied whether it was applied, or rejected as invalid
	 */
	@Override
	public void onReload(boolean applied) {
		(applied ? this.reloadsApplied : this.reloadsRejected).increment();
	}

	/**
	 * The counters of one pin set.
	 */
	private record SetMeters(PinSet pinSet, Counter[] checks, Map<Pin, Counter> matches) {
	}

}
