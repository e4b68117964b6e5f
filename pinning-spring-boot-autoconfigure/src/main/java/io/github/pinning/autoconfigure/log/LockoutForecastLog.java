package io.github.pinning.autoconfigure.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.pinning.CertificateText;
import io.github.pinning.Pin;
import io.github.pinning.PinSet;
import io.github.pinning.PinningListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Warns, at most once a day per pin set, when a matching chain's lockout forecast falls within
 * the expiry warning: the certificates whose keys are the only pins that match expire soon, and
 * if the server renews them with new keys that are not pinned, every client is locked out.
 */
final class LockoutForecastLog implements PinningListener {

	private static final Log logger = LogFactory.getLog(LockoutForecastLog.class);

	private final Clock clock;

	private final long warningMillis;

	private final DailyWarnings warnings = new DailyWarnings();

	LockoutForecastLog(Clock clock, Duration expiryWarning) {
		this.clock = clock;
		this.warningMillis = expiryWarning.toMillis();
	}

	@Override
	public void onMatch(PinSet pinSet, Pin pin, Instant lockoutAt, String host) {
		long now = this.clock.millis();
		if (lockoutAt.toEpochMilli() - now >= this.warningMillis) {
			return;
		}
		if (this.warnings.due(pinSet.name(), now)) {
			logger.warn(line(pinSet, pin, lockoutAt, host, now));
		}
	}

	private static String line(PinSet pinSet, Pin pin, Instant lockoutAt, String host, long now) {
		long days = Duration.ofMillis(lockoutAt.toEpochMilli() - now).toDays();
		String name = CertificateText.neutralize(pinSet.name());
		String safeHost = CertificateText.neutralize(host);
		return "Pin set '" + name + "' may lock its clients out of " + safeHost + " at " + lockoutAt
				+ ((lockoutAt.toEpochMilli() > now) ? " (in " + days + " day" + ((days == 1) ? "" : "s") + ")"
						: " (already past)")
				+ ": the certificates whose keys matched (nearest the leaf: " + pin + ") expire then, and a renewal"
				+ " with a new key that is not pinned will be refused. Pin the next key now (pinning.pin-sets." + name
				+ ".pins); 'java -jar pinning-core.jar " + safeHost + "' prints the pins the server presents, and"
				+ " /actuator/health/pinning shows the forecast.";
	}

}
