package io.github.pinning.test;

import java.util.ArrayList;
import java.util.List;

import io.github.pinning.CertificatePinningException;

/**
 * What a failed call says about why it failed: whether pinning refused it.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * Returns whether a failure has a {@link CertificatePinningException} among its causes.
	 * @param failure the failure, or {@code null}
	 * @return whether pinning caused it
	 */
	public static boolean isPinningFailure(Throwable failure) {
		return causes(failure).stream().anyMatch(CertificatePinningException.class::isInstance);
	}

	/**
	 * Returns a failure and its causes, suppressed ones included.
	 * @param failure the failure, or {@code null}
	 * @return the causes, the failure first
	 */
	public static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		collect(failure, causes);
		return causes;
	}

	private static void collect(Throwable failure, List<Throwable> causes) {
		for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
			for (Throwable suppressed : cause.getSuppressed()) {
				collect(suppressed, causes);
			}
		}
	}

}
