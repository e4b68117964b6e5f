package io.github.pinning;

import java.time.Instant;
import java.util.List;

/**
 * Tells several listeners of every outcome; one that throws does not keep the others from
 * being told.
 */
final class CompositePinningListener implements PinningListener {

	private static final System.Logger logger = System.getLogger(CompositePinningListener.class.getName());

	private final List<PinningListener> listeners;

	CompositePinningListener(List<PinningListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
		for (PinningListener listener : this.listeners) {
			try {
				listener.onCheck(pinSet, outcome, host);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "Pinning listener " + listener + " failed", ex);
			}
		}
	}

	@Override
	public void onMatch(PinSet pinSet, Pin pin, Instant lockoutAt, String host) {
		for (PinningListener listener : this.listeners) {
			try {
				listener.onMatch(pinSet, pin, lockoutAt, host);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "Pinning listener " + listener + " failed", ex);
			}
		}
	}

	@Override
	public void onViolation(PinningViolation violation) {
		for (PinningListener listener : this.listeners) {
			try {
				listener.onViolation(violation);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "Pinning listener " + listener + " failed", ex);
			}
		}
	}

}
