package io.github.pinning.autoconfigure.log;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.github.pinning.CertificateText;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningMode;
import io.github.pinning.PinningViolation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One WARN line per violation, in either mode, at most once a minute per (pin set, host): a
 * flood of impostor handshakes must not flood the log. The next line for the same pin set and
 * host says how many were left out. Each line names what to look at next: the validated chain's
 * pins, the {@code pinning} endpoint and the pin tool.
 */
final class PinningViolationLog implements PinningListener {

	private static final Log logger = LogFactory.getLog(PinningViolationLog.class);

	static final long INTERVAL_MILLIS = 60_000;

	/** More distinct (pin set, host) pairs than this are forgotten at once, so memory stays bounded. */
	static final int MAX_REMEMBERED = 1024;

	private final Clock clock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	PinningViolationLog(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void onViolation(PinningViolation violation) {
		String key = violation.pinSet().name() + '\u0000' + violation.host();
		if (this.windows.size() >= MAX_REMEMBERED && !this.windows.containsKey(key)) {
			this.windows.clear();
		}
		long suppressed = this.windows.computeIfAbsent(key, (k) -> new Window()).admit(this.clock.millis());
		if (suppressed >= 0) {
			logger.warn(line(violation, suppressed));
		}
	}

	private static String line(PinningViolation violation, long suppressed) {
		String chain = violation.validatedPins().stream().map(Object::toString).collect(Collectors.joining(", "));
		return "Certificate pinning violation (" + violation.mode().value() + "): pin set '"
				+ CertificateText.neutralize(violation.pinSet().name()) + "', host "
				+ CertificateText.neutralize(violation.host()) + ", port " + violation.port() + ", "
				+ ((violation.mode() == PinningMode.ENFORCE) ? "connection refused" : "connection allowed")
				+ (violation.serverKeyProven() ? "" : " before the server proved its key")
				+ "; validated chain [" + chain + "] holds none of the set's " + violation.pinSet().pins().size()
				+ " pins. "
				+ ((suppressed > 0) ? suppressed + " more violation" + ((suppressed == 1) ? "" : "s")
						+ " of this pin set and host were not logged since the last line. " : "")
				+ "See /actuator/pinning for the served and validated chains, and 'java -jar pinning-core.jar "
				+ CertificateText.neutralize(violation.host()) + ":" + violation.port()
				+ "' for what the server presents now.";
	}

	/**
	 * When a (pin set, host) pair was last logged, and how many violations were left out since.
	 */
	private static final class Window {

		private long lastLogged = Long.MIN_VALUE;

		private long suppressed;

		/**
		 * Returns how many violations were left out before this one if it is to be logged, else
		 * {@code -1} (and counts it as left out).
		 */
		synchronized long admit(long now) {
			if (this.lastLogged != Long.MIN_VALUE && now < this.lastLogged + INTERVAL_MILLIS) {
				this.suppressed++;
				return -1;
			}
			this.lastLogged = now;
			long leftOut = this.suppressed;
			this.suppressed = 0;
			return leftOut;
		}

	}

}
