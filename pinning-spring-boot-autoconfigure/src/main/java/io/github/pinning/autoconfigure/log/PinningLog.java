package io.github.pinning.autoconfigure.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import io.github.pinning.HostPattern;
import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinCheckOutcome;
import io.github.pinning.PinSet;
import io.github.pinning.PinningListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs each pin set once at start-up, one line each (and warns when {@code pinning.pin-sets} is
 * set but the application's own policy is in force), and warns at most once a day per set
 * while it has expired or expires within the warning period: at start-up, then on the
 * connections that use it.
 */
final class PinningLog implements PinningListener, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(PinningLog.class);

	private final boolean enabled;

	private final LivePinningPolicy policy;

	private final Clock clock;

	private final Duration expiryWarning;

	/** The pin sets of {@code pinning.pin-sets} when the application's own policy is in force. */
	private final Set<String> unusedPinSets;

	private final DailyWarnings warnings = new DailyWarnings();

	PinningLog(boolean enabled, LivePinningPolicy policy, Set<String> unusedPinSets, Clock clock,
			Duration expiryWarning) {
		this.enabled = enabled;
		this.policy = policy;
		this.unusedPinSets = Set.copyOf(unusedPinSets);
		this.clock = clock;
		this.expiryWarning = expiryWarning;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.enabled) {
			logger.warn("Certificate pinning is switched off (pinning.enabled=false): no connection is pinned and"
					+ " the pin sets are not read.");
			return;
		}
		if (!this.unusedPinSets.isEmpty()) {
			logger.warn("pinning.pin-sets " + new TreeSet<>(this.unusedPinSets) + " are not used: the application"
					+ " defines its own PinningPolicy bean, and only its pin sets (listed next) are checked.");
		}
		for (PinSet pinSet : this.policy.get().pinSets()) {
			logger.info("Pin set '" + pinSet.name() + "': hosts "
					+ pinSet.hosts().stream().map(HostPattern::toString).toList() + ", " + pinSet.pins().size()
					+ ((pinSet.pins().size() == 1) ? " pin" : " pins") + ", mode " + pinSet.mode() + ", "
					+ ((pinSet.expires() != null) ? "expires " + pinSet.expires() : "no expiry"));
			warnIfExpiring(pinSet);
		}
	}

	@Override
	public void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
		// On the handshake path: decide with arithmetic on millis, allocate only to warn.
		if (pinSet.expires() == null) {
			return;
		}
		if (this.clock.millis() >= pinSet.expiryEpochMillis() - this.expiryWarning.toMillis()) {
			warnIfExpiring(pinSet);
		}
	}

	private void warnIfExpiring(PinSet pinSet) {
		Instant expiresAt = pinSet.expiresAt();
		Instant now = this.clock.instant();
		if (expiresAt == null || now.plus(this.expiryWarning).isBefore(expiresAt) || !this.warnings.due(pinSet.name(), now.toEpochMilli())) {
			return;
		}
		if (pinSet.isExpired(now)) {
			logger.warn("Pin set '" + pinSet.name() + "' expired on " + pinSet.expires()
					+ " and is no longer enforced: its hosts are checked by PKIX only. Renew its pins and its"
					+ " 'expires' date.");
		}
		else {
			logger.warn("Pin set '" + pinSet.name() + "' expires on " + pinSet.expires() + " (in "
					+ Duration.between(now, expiresAt).toDays() + " days); after that it is no longer enforced."
					+ " Renew its pins and its 'expires' date.");
		}
	}

}
