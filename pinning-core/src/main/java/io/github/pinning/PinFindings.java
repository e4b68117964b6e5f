package io.github.pinning;

/**
 * Where the pin step puts what it finds for each name of a handshake: told to the listener at
 * once ({@link ListenerFindings}), or kept in a {@link PinJudgement} until the handshake
 * completes.
 */
interface PinFindings {

	/**
	 * A pin set matched.
	 * @param pinSet the pin set
	 * @param match how it matched
	 * @param host the name it was checked for
	 */
	void matched(PinSet pinSet, ValidatedChain.Match match, String host);

	/**
	 * A pin set has expired, and is no longer enforced.
	 * @param pinSet the pin set
	 * @param host the name it was checked for
	 */
	void expired(PinSet pinSet, String host);

	/**
	 * A pin set was violated.
	 * @param violation the violation
	 * @throws CertificatePinningException if the findings are told at once and the set is
	 * enforced
	 */
	void violated(PinningViolation violation) throws CertificatePinningException;

	/**
	 * Returns whether an enforced pin set refuses the handshake already, so that no further
	 * name need be checked.
	 * @return whether it does
	 */
	boolean refuses();

}
