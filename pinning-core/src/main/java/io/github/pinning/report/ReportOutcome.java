package io.github.pinning.report;

/**
 * What became of one violation report.
 */
public enum ReportOutcome {

	/** The collector accepted it (a 2xx answer). */
	SENT("sent"),

	/** The collector refused it, did not answer in time, or could not be reached. */
	FAILED("failed"),

	/** The queue of reports waiting to be sent was full. */
	DROPPED("dropped"),

	/** The same host, port and validated chain was reported less than a rate-limit window ago. */
	SUPPRESSED("suppressed");

	private final String value;

	ReportOutcome(String value) {
		this.value = value;
	}

	/**
	 * Returns the outcome as it appears in metric tags.
	 * @return the lower-case name
	 */
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
