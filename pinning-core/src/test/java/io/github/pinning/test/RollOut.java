package io.github.pinning.test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningMode;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;

/**
 * A roll-out of pins for {@code localhost}: a pin set on a PKI's genuine intermediate and root,
 * first in report-only, then enforced, under the live policy of a pinning trust manager that
 * trusts both of the PKI's roots and tells a recording listener.
 */
public final class RollOut {

	private final PinSet reportOnly;

	private final LivePinningPolicy policy;

	private final RecordingListener listener = new RecordingListener();

	private final PinningTrustManager trustManager;

	/**
	 * Starts a roll-out in report-only.
	 * @param pki the PKI whose genuine keys are pinned
	 */
	public RollOut(TestPki pki) {
		this.reportOnly = PinSet.of("local", List.of("localhost"), TestPki.pins(pki.intermediate(), pki.root()))
			.withMode(PinningMode.REPORT_ONLY);
		this.policy = LivePinningPolicy.of(PinningPolicy.of(this.reportOnly));
		this.trustManager = new PinningTrustManager(pki.trustingBothRoots(), this.policy, this.listener,
				Clock.systemUTC());
	}

	/**
	 * Returns the pinning trust manager.
	 * @return the trust manager
	 */
	public PinningTrustManager trustManager() {
		return this.trustManager;
	}

	/**
	 * Returns the listener the trust manager tells.
	 * @return the listener
	 */
	public RecordingListener listener() {
		return this.listener;
	}

	/**
	 * Enforces the pin set.
	 * @return the change
	 */
	public LivePinningPolicy.Change enforce() {
		return Objects.requireNonNull(this.policy.replace(
				PinningPolicy.of(this.reportOnly.withMode(PinningMode.ENFORCE)), "test", Instant.now()));
	}

	/** Puts the pin set back in report-only. */
	public void backToReportOnly() {
		this.policy.replace(PinningPolicy.of(this.reportOnly), "test", Instant.now());
	}

}
