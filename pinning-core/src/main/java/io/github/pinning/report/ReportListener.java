package io.github.pinning.report;

/**
 * Told of the outcome of every violation report, for example to count them.
 */
@FunctionalInterface
public interface ReportListener {

	/** A listener that does nothing. */
	ReportListener NONE = (outcome) -> {
	};

	/**
	 * Called once per violation that the reporter was given.
	 * @param outcome what became of its report
	 */
	void onReport(ReportOutcome outcome);

}
