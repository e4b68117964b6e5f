package io.github.pinning;

import java.time.Instant;
import java.util.List;

/**
 * Receives the outcome of every pin check. Called on the TLS handshake thread, so an
 * implementation must be quick and must not block; an exception it throws is logged and never
 * changes the outcome of the handshake.
 */
public interface PinningListener {

	/** A listener that does nothing. */
	PinningListener NONE = new PinningListener() {
	};

	/**
	 * Returns a listener that tells each of the given listeners, in order.
	 * @param listeners the listeners
	 * @return one listener for all of them
	 */
	static PinningListener of(List<PinningListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> NONE;
			case 1 -> listeners.get(0);
			default -> new CompositePinningListener(listeners);
		};
	}

	/**
	 * Called for every connection to a pinned host.
	 * @param pinSet the pin set that applied
	 * @param outcome the outcome
	 * @param host the host the client connected to
	 */
	default void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
	}

	/**
	 * Called for every connection whose validated chain matched, after {@link #onCheck}: tells
	 * which pin matched and until when the chain keeps matching. When the certificates whose
	 * keys matched expire, the server renews them; if it does so with new keys that are not
	 * pinned, the pin set locks its clients out, which a rotation must forestall.
	 * @param pinSet the pin set that matched
	 * @param pin the pin of the set that matched nearest the leaf
	 * @param lockoutAt the latest {@code notAfter} among the validated chain's certificates
	 * whose keys are pins of the set
	 * @param host the host the client connected to
	 */
	default void onMatch(PinSet pinSet, Pin pin, Instant lockoutAt, String host) {
	}

	/**
	 * Called for every violation, after {@link #onCheck}, in enforce and report-only mode.
	 * @param violation the violation
	 */
	default void onViolation(PinningViolation violation) {
	}

}
