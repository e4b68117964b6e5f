package io.github.pinning;

import java.security.cert.CertificateException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by the trust manager when a connection to a pinned host fails its pin check. Its
 * message lists the validated chain's pins and the configured ones, ready to paste.
 */
public class CertificatePinningException extends CertificateException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable PinningViolation violation;

	/**
	 * Creates an exception for a violation of an enforced pin set.
	 * @param violation the violation
	 */
	public CertificatePinningException(PinningViolation violation) {
		super(message(violation));
		this.violation = violation;
	}

	/**
	 * Creates an exception for a pin check that could not be made.
	 * @param message what prevented the check
	 */
	public CertificatePinningException(String message) {
		super(message);
		this.violation = null;
	}

	/**
	 * Returns the violation, if the exception is for one.
	 * @return the violation, or {@code null}
	 */
	public @Nullable PinningViolation getViolation() {
		return this.violation;
	}

	private static String message(PinningViolation violation) {
		StringBuilder message = new StringBuilder("Certificate pinning failure for ")
			.append(CertificateText.neutralize(violation.host()))
			.append(" (pin set '")
			.append(violation.pinSet().name())
			.append("')!\n  Validated certificate chain:");
		List<Pin> pins = violation.validatedPins();
		for (int i = 0; i < pins.size(); i++) {
			message.append("\n    ")
				.append(pins.get(i))
				.append(": ")
				.append(CertificateText.subject(violation.validatedChain().get(i)));
		}
		message.append("\n  Pinned certificates:");
		for (Pin pin : violation.pinSet().pins()) {
			message.append("\n    ").append(pin);
		}
		if (violation.searchCutShort() != null) {
			message.append("\n  Other paths were not all tried, and the chain is refused: ")
				.append(violation.searchCutShort())
				.append('.');
		}
		return message.toString();
	}

}
