package io.github.pinning.autoconfigure.config;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.pinning.PinningMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * Configuration properties of certificate pinning, bound to {@code pinning.*}.
 */
@ConfigurationProperties("pinning")
public class PinningProperties {

	/**
	 * Whether pinning is applied at all.
	 */
	private boolean enabled = true;

	/**
	 * Default mode of every pin set: 'enforce' fails the handshake on a violation,
	 * 'report-only' only records it.
	 */
	private PinningMode mode = PinningMode.ENFORCE;

	/**
	 * Whether an enforced pin set must hold at least two pins.
	 */
	private boolean requireBackupPin = true;

	/**
	 * Pin sets by name (a name without dots). Keys of each: 'hosts' (host patterns: exact,
	 * '*.' one label, '**.' the domain and below), 'pins' ('sha256/' SPKI pins),
	 * 'certificates' (PEM resources whose keys are pinned), 'mode' ('enforce' or
	 * 'report-only'; default 'pinning.mode'), 'expires' (last enforced day, yyyy-MM-dd, UTC),
	 * 'reload-on-update' (apply changed certificates files while running).
	 */
	private final Map<String, PinSetProperties> pinSets = new LinkedHashMap<>();

	private final Health health = new Health();

	private final Report report = new Report();

	private final Watch watch = new Watch();

	/**
	 * Whether to install a pinning SSLContext as the JVM default, for clients built outside
	 * Spring Boot.
	 */
	private boolean jvmDefault;

	/**
	 * Returns the enabled setting.
	 * @return the enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets the enabled setting.
	 * @param enabled the enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the mode setting.
	 * @return the mode
	 */
	public PinningMode getMode() {
		return this.mode;
	}

	/**
	 * Sets the mode setting.
	 * @param mode the mode
	 */
	public void setMode(PinningMode mode) {
		this.mode = mode;
	}

	/**
	 * Returns the require backup pin setting.
	 * @return the require backup pin
	 */
	public boolean isRequireBackupPin() {
		return this.requireBackupPin;
	}

	/**
	 * Sets the require backup pin setting.
	 * @param requireBackupPin the require backup pin
	 */
	public void setRequireBackupPin(boolean requireBackupPin) {
		this.requireBackupPin = requireBackupPin;
	}

	/**
	 * Returns the pin sets setting.
	 * @return the pin sets
	 */
	public Map<String, PinSetProperties> getPinSets() {
		return this.pinSets;
	}

	/**
	 * Returns the health setting.
	 * @return the health
	 */
	public Health getHealth() {
		return this.health;
	}

	/**
	 * Returns the report setting.
	 * @return the report
	 */
	public Report getReport() {
		return this.report;
	}

	/**
	 * Returns the watch setting.
	 * @return the watch
	 */
	public Watch getWatch() {
		return this.watch;
	}

	/**
	 * Returns the jvm default setting.
	 * @return the jvm default
	 */
	public boolean isJvmDefault() {
		return this.jvmDefault;
	}

	/**
	 * Sets the jvm default setting.
	 * @param jvmDefault the jvm default
	 */
	public void setJvmDefault(boolean jvmDefault) {
		this.jvmDefault = jvmDefault;
	}

	/**
	 * One pin set: the hosts it applies to and the keys their chains must hold.
	 */
	public static class PinSetProperties {

		/**
		 * Hosts the set applies to: 'api.example.com', '*.example.com' (one label below) or
		 * '**.example.com' (the domain and any depth below).
		 */
		private List<String> hosts = new ArrayList<>();

		/**
		 * SPKI pins, each 'sha256/' followed by the base64 SHA-256 of a certificate's
		 * SubjectPublicKeyInfo.
		 */
		private List<String> pins = new ArrayList<>();

		/**
		 * Locations of PEM files whose certificates' public keys are pinned.
		 */
		private List<String> certificates = new ArrayList<>();

		/**
		 * This set's mode; defaults to 'pinning.mode'.
		 */
		private @Nullable PinningMode mode;

		/**
		 * Last day (yyyy-MM-dd, UTC) on which the set is enforced.
		 */
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
		private @Nullable LocalDate expires;

		/**
		 * Whether a change to the set's certificates files is applied while running, after
		 * pinning.watch.file.quiet-period.
		 */
		private boolean reloadOnUpdate;

		/**
		 * Returns the reload on update setting.
		 * @return whether changed certificates files are applied while running
		 */
		public boolean isReloadOnUpdate() {
			return this.reloadOnUpdate;
		}

		/**
		 * Sets the reload on update setting.
		 * @param reloadOnUpdate whether changed certificates files are applied while running
		 */
		public void setReloadOnUpdate(boolean reloadOnUpdate) {
			this.reloadOnUpdate = reloadOnUpdate;
		}

		/**
		 * Returns the hosts setting.
		 * @return the hosts
		 */
		public List<String> getHosts() {
			return this.hosts;
		}

		/**
		 * Sets the hosts setting.
		 * @param hosts the hosts
		 */
		public void setHosts(List<String> hosts) {
			this.hosts = hosts;
		}

		/**
		 * Returns the pins setting.
		 * @return the pins
		 */
		public List<String> getPins() {
			return this.pins;
		}

		/**
		 * Sets the pins setting.
		 * @param pins the pins
		 */
		public void setPins(List<String> pins) {
			this.pins = pins;
		}

		/**
		 * Returns the certificates setting.
		 * @return the certificates
		 */
		public List<String> getCertificates() {
			return this.certificates;
		}

		/**
		 * Sets the certificates setting.
		 * @param certificates the certificates
		 */
		public void setCertificates(List<String> certificates) {
			this.certificates = certificates;
		}

		/**
		 * Returns the mode setting.
		 * @return the mode, or {@code null} if not set
		 */
		public @Nullable PinningMode getMode() {
			return this.mode;
		}

		/**
		 * Sets the mode setting.
		 * @param mode the mode
		 */
		public void setMode(@Nullable PinningMode mode) {
			this.mode = mode;
		}

		/**
		 * Returns the expires setting.
		 * @return the expires, or {@code null} if not set
		 */
		public @Nullable LocalDate getExpires() {
			return this.expires;
		}

		/**
		 * Sets the expires setting.
		 * @param expires the expires
		 */
		public void setExpires(@Nullable LocalDate expires) {
			this.expires = expires;
		}

	}

	/**
	 * How pinning shows in the health endpoint.
	 */
	public static class Health {

		/**
		 * How long health reports a violation (enforced or report-only) after it happened.
		 */
		private Duration violationWindow = Duration.ofMinutes(15);

		/**
		 * Whether health is DOWN (instead of VIOLATED or EXPIRED) after a violation or an
		 * expiry, which takes the whole application's health down with it.
		 */
		private boolean downOnViolation;

		/**
		 * How long before its expiry a pin set is flagged in the health details.
		 */
		private Duration expiryWarning = Duration.ofDays(30);

		/**
		 * Returns the violation window setting.
		 * @return the violation window
		 */
		public Duration getViolationWindow() {
			return this.violationWindow;
		}

		/**
		 * Sets the violation window setting.
		 * @param violationWindow the violation window
		 */
		public void setViolationWindow(Duration violationWindow) {
			this.violationWindow = violationWindow;
		}

		/**
		 * Returns the down on violation setting.
		 * @return the down on violation
		 */
		public boolean isDownOnViolation() {
			return this.downOnViolation;
		}

		/**
		 * Sets the down on violation setting.
		 * @param downOnViolation the down on violation
		 */
		public void setDownOnViolation(boolean downOnViolation) {
			this.downOnViolation = downOnViolation;
		}

		/**
		 * Returns the expiry warning setting.
		 * @return the expiry warning
		 */
		public Duration getExpiryWarning() {
			return this.expiryWarning;
		}

		/**
		 * Sets the expiry warning setting.
		 * @param expiryWarning the expiry warning
		 */
		public void setExpiryWarning(Duration expiryWarning) {
			this.expiryWarning = expiryWarning;
		}

	}

	/**
	 * Where violation reports go.
	 */
	public static class Report {

		/**
		 * Where HPKP-style JSON violation reports are POSTed.
		 */
		private @Nullable URI uri;

		/**
		 * Returns the uri setting.
		 * @return the uri, or {@code null} if not set
		 */
		public @Nullable URI getUri() {
			return this.uri;
		}

		/**
		 * Sets the uri setting.
		 * @param uri the uri
		 */
		public void setUri(@Nullable URI uri) {
			this.uri = uri;
		}

	}

	/**
	 * How watched files are applied.
	 */
	public static class Watch {

		private final File file = new File();

		/**
		 * Returns the file setting.
		 * @return the file
		 */
		public File getFile() {
			return this.file;
		}

		/**
		 * How watched certificates files are applied.
		 */
		public static class File {

			/**
			 * How long a changed certificates file must stay unchanged before it is applied.
			 */
			private Duration quietPeriod = Duration.ofSeconds(10);

			/**
			 * Returns the quiet period setting.
			 * @return the quiet period
			 */
			public Duration getQuietPeriod() {
				return this.quietPeriod;
			}

			/**
			 * Sets the quiet period setting.
			 * @param quietPeriod the quiet period
			 */
			public void setQuietPeriod(Duration quietPeriod) {
				this.quietPeriod = quietPeriod;
			}

		}

	}

}
