package io.github.pinning.autoconfigure;

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
	 * Pin sets by name: the hosts each applies to and their pins.
	 */
	private final Map<String, PinSetProperties> pinSets = new LinkedHashMap<>();

	private final Health health = new Health();

	private final Report report = new Report();

	/**
	 * Whether to install a pinning SSLContext as the JVM default, for clients built outside
	 * Spring Boot.
	 */
	private boolean jvmDefault;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public PinningMode getMode() {
		return this.mode;
	}

	public void setMode(PinningMode mode) {
		this.mode = mode;
	}

	public boolean isRequireBackupPin() {
		return this.requireBackupPin;
	}

	public void setRequireBackupPin(boolean requireBackupPin) {
		this.requireBackupPin = requireBackupPin;
	}

	public Map<String, PinSetProperties> getPinSets() {
		return this.pinSets;
	}

	public Health getHealth() {
		return this.health;
	}

	public Report getReport() {
		return this.report;
	}

	public boolean isJvmDefault() {
		return this.jvmDefault;
	}

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

		public List<String> getHosts() {
			return this.hosts;
		}

		public void setHosts(List<String> hosts) {
			this.hosts = hosts;
		}

		public List<String> getPins() {
			return this.pins;
		}

		public void setPins(List<String> pins) {
			this.pins = pins;
		}

		public List<String> getCertificates() {
			return this.certificates;
		}

		public void setCertificates(List<String> certificates) {
			this.certificates = certificates;
		}

		public @Nullable PinningMode getMode() {
			return this.mode;
		}

		public void setMode(@Nullable PinningMode mode) {
			this.mode = mode;
		}

		public @Nullable LocalDate getExpires() {
			return this.expires;
		}

		public void setExpires(@Nullable LocalDate expires) {
			this.expires = expires;
		}

	}

	/**
	 * How pinning shows in the health endpoint.
	 */
	public static class Health {

		/**
		 * How long health stays DOWN after a violation of an enforced pin set.
		 */
		private Duration violationWindow = Duration.ofMinutes(15);

		/**
		 * How long before its expiry a pin set is flagged in the health details.
		 */
		private Duration expiryWarning = Duration.ofDays(30);

		public Duration getViolationWindow() {
			return this.violationWindow;
		}

		public void setViolationWindow(Duration violationWindow) {
			this.violationWindow = violationWindow;
		}

		public Duration getExpiryWarning() {
			return this.expiryWarning;
		}

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

		public @Nullable URI getUri() {
			return this.uri;
		}

		public void setUri(@Nullable URI uri) {
			this.uri = uri;
		}

	}

}
