package io.github.pinning.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.pinning.HostPattern;
import io.github.pinning.Pin;
import io.github.pinning.PinSet;
import io.github.pinning.PinningHistory;
import io.github.pinning.LivePinningPolicy;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of pinning, from recorded state only: {@code VIOLATED} while a violation (enforced or
 * report-only) is younger than the violation window, else {@code EXPIRED} while a pin set has
 * expired, else {@code UP}. The two are custom statuses outside Spring Boot's default order, so
 * they show on the {@code pinning} component (HTTP 200) without taking the application's health
 * down: a remote impostor or a missed rotation must not take every instance out of its load
 * balancer. With {@code down-on-violation} both are {@code DOWN} instead. The details describe
 * each pin set, with the pins that matched within the violation window and the set's lockout
 * forecast; a forecast inside the expiry warning is flagged but leaves the status as it is.
 */
public final class PinningHealthIndicator extends AbstractHealthIndicator {

	/** A violation, in either mode, is younger than the violation window. */
	public static final Status VIOLATED = new Status("VIOLATED", "A pin set was violated within the violation window");

	/** A pin set has passed its expiry date and is no longer enforced. */
	public static final Status EXPIRED = new Status("EXPIRED", "A pin set has expired and is no longer enforced");

	private final LivePinningPolicy policy;

	private final PinningHistory history;

	private final Clock clock;

	private final Duration violationWindow;

	private final Duration expiryWarning;

	private final boolean downOnViolation;

	/**
	 * Creates the indicator.
	 * @param policy the pin sets
	 * @param history what pinning recorded
	 * @param clock the time
	 * @param violationWindow how long an enforced violation keeps health DOWN
	 * @param expiryWarning how long before expiry a set is flagged as expiring soon
	 * @param downOnViolation whether a violation or an expiry is {@code DOWN} rather than
	 * {@link #VIOLATED} or {@link #EXPIRED}
	 */
	public PinningHealthIndicator(LivePinningPolicy policy, PinningHistory history, Clock clock, Duration violationWindow,
			Duration expiryWarning, boolean downOnViolation) {
		super("Pinning health check failed");
		this.policy = policy;
		this.history = history;
		this.clock = clock;
		this.violationWindow = violationWindow;
		this.expiryWarning = expiryWarning;
		this.downOnViolation = downOnViolation;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		boolean violated = false;
		boolean expired = false;
		for (PinSet pinSet : this.policy.get().pinSets()) {
			Instant lastViolation = this.history.lastViolation(pinSet.name());
			violated |= lastViolation != null && now.isBefore(lastViolation.plus(this.violationWindow));
			expired |= pinSet.isExpired(now);
			builder.withDetail(pinSet.name(), details(pinSet, now));
		}
		Status status = violated ? VIOLATED : expired ? EXPIRED : Status.UP;
		builder.status((status != Status.UP && this.downOnViolation) ? Status.DOWN : status);
	}

	private Map<String, Object> details(PinSet pinSet, Instant now) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("mode", pinSet.mode().value());
		details.put("hosts", pinSet.hosts().stream().map(HostPattern::toString).toList());
		details.put("pins", pinSet.pins().size());
		Instant expiresAt = pinSet.expiresAt();
		if (pinSet.expires() != null && expiresAt != null) {
			details.put("expires", pinSet.expires().toString());
			details.put("expiresSoon", now.plus(this.expiryWarning).isAfter(expiresAt));
		}
		else {
			details.put("expiresSoon", false);
		}
		details.put("violations", this.history.violationCount(pinSet.name()));
		Instant lastViolation = this.history.lastViolation(pinSet.name());
		if (lastViolation != null) {
			details.put("lastViolation", lastViolation.toString());
		}
		Instant windowStart = now.minus(this.violationWindow);
		details.put("matchedPins", this.history.matchedPins(pinSet.name(), windowStart).stream().map(Pin::toString).toList());
		Instant lockoutAt = this.history.lockoutForecast(pinSet.name(), windowStart);
		if (lockoutAt != null) {
			details.put("lockoutForecast", lockoutAt.toString());
			details.put("lockoutSoon", now.plus(this.expiryWarning).isAfter(lockoutAt));
		}
		return details;
	}

}
