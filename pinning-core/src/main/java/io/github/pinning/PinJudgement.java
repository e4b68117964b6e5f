package io.github.pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the pin step found for one handshake's host and server names, under which policy, kept
 * until the listeners are told: at once where a chain is judged as it arrives, or, on the
 * connections of a {@link PinningSslContext}, once the handshake has completed and so the
 * server has proven that it holds the leaf's key. The listeners are told once, by whoever asks
 * first; a refusal, once made, is thrown to every later ask.
 */
final class PinJudgement {

	private static final System.Logger logger = System.getLogger(PinChecker.class.getName());

	private final PinningPolicy policy;

	private final PinningListener listener;

	private final List<Finding> findings = new ArrayList<>(2);

	private boolean told;

	private @Nullable CertificatePinningException refusal;

	PinJudgement(PinningPolicy policy, PinningListener listener) {
		this.policy = policy;
		this.listener = listener;
	}

	/**
	 * Returns the policy the handshake was judged under.
	 * @return the policy
	 */
	PinningPolicy policy() {
		return this.policy;
	}

	void matched(PinSet pinSet, ValidatedChain.Match match, String host) {
		this.findings.add(new Finding(pinSet, PinCheckOutcome.MATCH, host, match, null));
	}

	void expired(PinSet pinSet, String host) {
		this.findings.add(new Finding(pinSet, PinCheckOutcome.EXPIRED, host, null, null));
	}

	void violated(PinningViolation violation) {
		this.findings.add(new Finding(violation.pinSet(), PinCheckOutcome.VIOLATION, violation.host(), null,
				violation));
	}

	/**
	 * Returns whether an enforced pin set refuses the handshake.
	 * @return whether it does
	 */
	boolean refuses() {
		return this.findings.stream()
			.anyMatch((finding) -> finding.violation != null && finding.pinSet.mode() == PinningMode.ENFORCE);
	}

	/**
	 * Tells the listeners what was found, the first time it is called, and refuses the
	 * handshake if an enforced pin set was violated.
	 * @param serverKeyProven whether the handshake has completed, the server having proven its
	 * key, which the violations then say
	 * @throws CertificatePinningException if an enforced pin set refuses the handshake, now or
	 * at an earlier call
	 */
	synchronized void tell(boolean serverKeyProven) throws CertificatePinningException {
		if (!this.told) {
			this.told = true;
			for (Finding finding : this.findings) {
				tell(finding, serverKeyProven);
			}
		}
		CertificatePinningException refused = this.refusal;
		if (refused != null) {
			throw refused;
		}
	}

	private void tell(Finding finding, boolean serverKeyProven) {
		PinningViolation violation = finding.violation;
		if (violation != null) {
			PinningViolation counted = serverKeyProven ? violation.withServerKeyProven() : violation;
			// The violation before the check's outcome: whatever reads both (a scrape of the
			// metrics, an alert that lists the hosts of the violations it counts) never sees the
			// outcome without the violation behind it.
			try {
				this.listener.onViolation(counted);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "Pinning listener failed on a violation for " + finding.host, ex);
			}
			if (finding.pinSet.mode() == PinningMode.ENFORCE && this.refusal == null) {
				this.refusal = new CertificatePinningException(counted);
			}
		}
		try {
			this.listener.onCheck(finding.pinSet, finding.outcome, finding.host);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Pinning listener failed on a check for " + finding.host, ex);
		}
		ValidatedChain.Match match = finding.match;
		if (match != null) {
			try {
				this.listener.onMatch(match.pinSet(), Objects.requireNonNull(match.pin()),
						Objects.requireNonNull(match.lockoutAt()), finding.host);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "Pinning listener failed on a match for " + finding.host, ex);
			}
		}
	}

	/** One pin set's outcome for one name. */
	private record Finding(PinSet pinSet, PinCheckOutcome outcome, String host, ValidatedChain.@Nullable Match match,
			@Nullable PinningViolation violation) {
	}

}
