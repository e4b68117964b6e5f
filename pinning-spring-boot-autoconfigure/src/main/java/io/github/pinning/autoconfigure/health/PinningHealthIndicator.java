package io.github.pinning.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.pinning.HostPattern;
import io.github.pinning.PinSet;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningMode;
import io.github.pinning.PinningPolicy;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of pinning, from recorded state only: DOWN while a violation of an enforced pin set
 * is younger than the violation window, or while a pin set has expired; UP otherwise. The
 * details describe each pin set.
 */
public final class PinningHealthIndicator extends AbstractHealthIndicator {

	private final PinningPolicy policy;

	private final PinningHistory history;

	private final Clock clock;

	private final Duration violationWindow;

	private final Duration expiryWarning;

	/**
	 * Creates the indicator.
	 * @param policy the pin sets
	 * @param history what pinning recorded
	 * @param clock the time
	 * @param violationWindow how long an enforced violation keeps health DOWN
	 * @param expiryWarning how long before expiry a set is flagged as expiring soon
	 */
	public PinningHealthIndicator(PinningPolicy policy, PinningHistory history, Clock clock, Duration violationWindow,
			Duration expiryWarning) {
		super("Pinning health check failed");
		this.policy = policy;
		this.history = history;
		this.clock = clock;
		this.violationWindow = violationWindow;
		this.expiryWarning = expiryWarning;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		boolean down = false;
		for (PinSet pinSet : this.policy.pinSets()) {
			Instant lastEnforced = this.history.lastEnforcedViolation(pinSet.name());
			boolean recentViolation = pinSet.mode() == PinningMode.ENFORCE && lastEnforced != null
					&& now.isBefore(lastEnforced.plus(this.violationWindow));
			down |= recentViolation || pinSet.isExpired(now);
			builder.withDetail(pinSet.name(), details(pinSet, now));
		}
		builder.status(down ? "DOWN" : "UP");
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
		return details;
	}

}
