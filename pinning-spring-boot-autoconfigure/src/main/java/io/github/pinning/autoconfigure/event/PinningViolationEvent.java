package io.github.pinning.autoconfigure.event;

import io.github.pinning.PinningViolation;

import org.springframework.context.ApplicationEvent;

/**
 * Published for every pinning violation, in enforce and report-only mode. Listeners run on
 * a pinning event thread, never on the TLS I/O thread that found the violation.
 */
public class PinningViolationEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient PinningViolation violation;

	/**
	 * Creates an event.
	 * @param source the publisher
	 * @param violation the violation
	 */
	public PinningViolationEvent(Object source, PinningViolation violation) {
		super(source);
		this.violation = violation;
	}

	/**
	 * Returns the violation.
	 * @return the violation
	 */
	public PinningViolation getViolation() {
		return this.violation;
	}

}
