package io.github.pinning.test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.pinning.Pin;
import io.github.pinning.PinCheckOutcome;
import io.github.pinning.PinSet;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningViolation;

/**
 * A listener that keeps every outcome and violation it is told of.
 */
public final class RecordingListener implements PinningListener {

	private final List<String> checks = new CopyOnWriteArrayList<>();

	private final List<String> matches = new CopyOnWriteArrayList<>();

	private final List<PinningViolation> violations = new CopyOnWriteArrayList<>();

	@Override
	public void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
		this.checks.add(pinSet.name() + ":" + outcome.value() + ":" + host);
	}

	@Override
	public void onMatch(PinSet pinSet, Pin pin, Instant lockoutAt, String host) {
		this.matches.add(pinSet.name() + ":" + pin + ":" + lockoutAt + ":" + host);
	}

	@Override
	public void onViolation(PinningViolation violation) {
		this.violations.add(violation);
	}

	/**
	 * Returns the checks as {@code pinSet:outcome:host}, in order.
	 * @return the checks
	 */
	public List<String> checks() {
		return this.checks;
	}

	/**
	 * Returns the matches as {@code pinSet:pin:lockoutAt:host}, in order.
	 * @return the matches
	 */
	public List<String> matches() {
		return this.matches;
	}

	/**
	 * Returns the violations, in order.
	 * @return the violations
	 */
	public List<PinningViolation> violations() {
		return this.violations;
	}

}
