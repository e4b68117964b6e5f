package io.github.pinning;

import java.util.Objects;

/**
 * Findings told to the listener as they are made, an enforced violation refusing the handshake.
 * A listener that throws is logged, never allowed to change the outcome.
 */
final class ListenerFindings implements PinFindings {

	private static final System.Logger logger = System.getLogger(PinChecker.class.getName());

	private final PinningListener listener;

	ListenerFindings(PinningListener listener) {
		this.listener = listener;
	}

	@Override
	public void matched(PinSet pinSet, ValidatedChain.Match match, String host) {
		check(pinSet, PinCheckOutcome.MATCH, host);
		try {
			this.listener.onMatch(match.pinSet(), Objects.requireNonNull(match.pin()),
					Objects.requireNonNull(match.lockoutAt()), host);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Pinning listener failed on a match for " + host, ex);
		}
	}

	@Override
	public void expired(PinSet pinSet, String host) {
		check(pinSet, PinCheckOutcome.EXPIRED, host);
	}

	@Override
	public void violated(PinningViolation violation) throws CertificatePinningException {
		// The violation before the check's outcome: whatever reads both (a scrape of the
		// metrics, an alert that lists the hosts of the violations it counts) never sees the
		// outcome without the violation behind it.
		try {
			this.listener.onViolation(violation);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Pinning listener failed on a violation for " + violation.host(),
					ex);
		}
		check(violation.pinSet(), PinCheckOutcome.VIOLATION, violation.host());
		if (violation.mode() == PinningMode.ENFORCE) {
			throw new CertificatePinningException(violation);
		}
	}

	@Override
	public boolean refuses() {
		// An enforced violation has thrown already.
		return false;
	}

	private void check(PinSet pinSet, PinCheckOutcome outcome, String host) {
		try {
			this.listener.onCheck(pinSet, outcome, host);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Pinning listener failed on a check for " + host, ex);
		}
	}

}
