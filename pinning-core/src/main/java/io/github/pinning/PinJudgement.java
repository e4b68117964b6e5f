package io.github.pinning;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the pin step found for one handshake's host and server names, under which policy, kept
 * until the listeners are told: on the connections of a {@link PinningSslContext}, once the
 * handshake has completed and so the server has proven that it holds the leaf's key. The
 * listeners are told once, by whoever asks first; a refusal, once made, is thrown to every
 * later ask.
 */
final class PinJudgement implements PinFindings {

	private final PinningPolicy policy;

	private final ListenerFindings listener;

	private final List<Finding> findings = new ArrayList<>(2);

	private boolean told;

	private @Nullable CertificatePinningException refusal;

	PinJudgement(PinningPolicy policy, ListenerFindings listener) {
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

	@Override
	public void matched(PinSet pinSet, ValidatedChain.Match match, String host) {
		this.findings.add(new Finding(pinSet, host, match, null));
	}

	@Override
	public void expired(PinSet pinSet, String host) {
		this.findings.add(new Finding(pinSet, host, null, null));
	}

	@Override
	public void violated(PinningViolation violation) {
		this.findings.add(new Finding(violation.pinSet(), violation.host(), null, violation));
	}

	@Override
	public boolean refuses() {
		for (Finding finding : this.findings) {
			if (finding.violation != null && finding.violation.mode() == PinningMode.ENFORCE) {
				return true;
			}
		}
		return false;
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
			try {
				for (Finding finding : this.findings) {
					tell(finding, serverKeyProven);
				}
			}
			catch (CertificatePinningException ex) {
				this.refusal = ex;
			}
		}
		CertificatePinningException refused = this.refusal;
		if (refused != null) {
			throw refused;
		}
	}

	private void tell(Finding finding, boolean serverKeyProven) throws CertificatePinningException {
		PinningViolation violation = finding.violation;
		ValidatedChain.Match match = finding.match;
		if (violation != null) {
			this.listener.violated(serverKeyProven ? violation.withServerKeyProven() : violation);
		}
		else if (match != null) {
			this.listener.matched(finding.pinSet, match, finding.host);
		}
		else {
			this.listener.expired(finding.pinSet, finding.host);
		}
	}

	/** One pin set's outcome for one name: a match, a violation, or else an expiry. */
	private record Finding(PinSet pinSet, String host, ValidatedChain.@Nullable Match match,
			@Nullable PinningViolation violation) {
	}

}
