package io.github.pinning;

/**
 * What happens when a connection's validated chain holds none of its pin set's pins.
 */
public enum PinningMode {

	/** The handshake fails. */
	ENFORCE("enforce"),

	/** The handshake goes on; the violation is recorded only. */
	REPORT_ONLY("report-only");

	private final String value;

	PinningMode(String value) {
		this.value = value;
	}

	/**
	 * Returns the mode as it is written in configuration, metric tags and reports.
	 * @return {@code enforce} or {@code report-only}
	 */
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
