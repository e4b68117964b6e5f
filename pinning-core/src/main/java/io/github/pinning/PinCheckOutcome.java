package io.github.pinning;

/**
 * The outcome of checking one connection to a pinned host.
 */
public enum PinCheckOutcome {

	/** The validated chain holds one of the pins. */
	MATCH("match"),

	/** The validated chain holds none of the pins. */
	VIOLATION("violation"),

	/** The pin set has expired, so the pins were not checked. */
	EXPIRED("expired");

	private final String value;

	PinCheckOutcome(String value) {
		this.value = value;
	}

	/**
	 * Returns the outcome as it appears in metric tags.
	 * @return {@code match}, {@code violation} or {@code expired}
	 */
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
