package io.github.pinning;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A connection whose validated chain held none of its pin set's pins.
 *
 * @param time when the handshake was checked
 * @param host the host the client connected to
 * @param port the port the client connected to, or {@code -1} if unknown
 * @param pinSet the pin set that applied
 * @param servedChain the certificates as the peer sent them, the first
 * {@value #MAX_SERVED_CERTIFICATES} only
 * @param validatedChain the chain from the leaf to a trust anchor that the pins were matched
 * against
 * @param validatedPins the pin of each certificate of the validated chain, in the same order
 * @param searchCutShort why the search for a path holding a pin ended before it had tried every
 * path (the bound on its cost), or {@code null} if it tried them all
 * @param serverKeyProven whether the server had proven that it holds the leaf's private key when
 * the violation was counted: {@code true} where it was counted once the handshake completed (the
 * connections of a {@link PinningSslContext}, sessions checked when they are resumed);
 * {@code false} where the chain was refused as it arrived, which anyone on the path can do by
 * replaying a certificate of the host without its key
 */
public record PinningViolation(Instant time, String host, int port, PinSet pinSet,
		List<X509Certificate> servedChain, List<X509Certificate> validatedChain, List<Pin> validatedPins,
		@Nullable String searchCutShort, boolean serverKeyProven) {

	/**
	 * The most certificates of the served chain a violation keeps (and so logs, shows and
	 * reports): as many as the JDK's client accepts by default; a longer chain is the peer's
	 * choice, and no real path is longer.
	 */
	public static final int MAX_SERVED_CERTIFICATES = 10;

	/**
	 * Creates a violation found by a complete search, before the server proved its key.
	 * @param time when the handshake was checked
	 * @param host the host the client connected to
	 * @param port the port the client connected to, or {@code -1} if unknown
	 * @param pinSet the pin set that applied
	 * @param servedChain the certificates as the peer sent them
	 * @param validatedChain the validated chain, leaf first
	 * @param validatedPins the pin of each certificate of the validated chain
	 */
	public PinningViolation(Instant time, String host, int port, PinSet pinSet, List<X509Certificate> servedChain,
			List<X509Certificate> validatedChain, List<Pin> validatedPins) {
		this(time, host, port, pinSet, servedChain, validatedChain, validatedPins, null, false);
	}

	/**
	 * Creates a violation.
	 * @param time when the handshake was checked
	 * @param host the host the client connected to
	 * @param port the port the client connected to, or {@code -1} if unknown
	 * @param pinSet the pin set that applied
	 * @param servedChain the certificates as the peer sent them
	 * @param validatedChain the validated chain, leaf first
	 * @param validatedPins the pin of each certificate of the validated chain
	 * @param searchCutShort why the search ended early, or {@code null}
	 * @param serverKeyProven whether the server had proven its key
	 */
	public PinningViolation {
		servedChain = List.copyOf(
				(servedChain.size() > MAX_SERVED_CERTIFICATES) ? servedChain.subList(0, MAX_SERVED_CERTIFICATES)
						: servedChain);
		validatedChain = List.copyOf(validatedChain);
		validatedPins = List.copyOf(validatedPins);
	}

	/**
	 * Returns this violation as counted once the server has proven its key.
	 * @return the violation, marked as proven
	 */
	public PinningViolation withServerKeyProven() {
		return this.serverKeyProven ? this : new PinningViolation(this.time, this.host, this.port, this.pinSet,
				this.servedChain, this.validatedChain, this.validatedPins, this.searchCutShort, true);
	}

	/**
	 * Returns the mode of the pin set, which decided whether the handshake failed.
	 * @return the mode
	 */
	public PinningMode mode() {
		return this.pinSet.mode();
	}

}
