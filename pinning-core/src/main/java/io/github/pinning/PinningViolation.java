package io.github.pinning;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A connection whose validated chain held none of its pin set's pins.
 *
 * @param time when the handshake was checked
 * @param host the host the client connected to
 * @param port the port the client connected to, or {@code -1} if unknown
 * @param pinSet the pin set that applied
 * @param servedChain the certificates as the peer sent them
 * @param validatedChain the chain from the leaf to a trust anchor that the pins were matched
 * against
 * @param validatedPins the pin of each certificate of the validated chain, in the same order
 */
public record PinningViolation(Instant time, String host, int port, PinSet pinSet,
		List<X509Certificate> servedChain, List<X509Certificate> validatedChain, List<Pin> validatedPins) {

	/**
	 * Creates a violation.
	 * @param time when the handshake was checked
	 * @param host the host the client connected to
	 * @param port the port the client connected to, or {@code -1} if unknown
	 * @param pinSet the pin set that applied
	 * @param servedChain the certificates as the peer sent them
	 * @param validatedChain the validated chain, leaf first
	 * @param validatedPins the pin of each certificate of the validated chain
	 */
	public PinningViolation {
		servedChain = List.copyOf(servedChain);
		validatedChain = List.copyOf(validatedChain);
		validatedPins = List.copyOf(validatedPins);
	}

	/**
	 * Returns the mode of the pin set, which decided whether the handshake failed.
	 * @return the mode
	 */
	public PinningMode mode() {
		return this.pinSet.mode();
	}

}
