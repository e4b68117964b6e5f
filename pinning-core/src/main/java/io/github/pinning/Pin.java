package io.github.pinning;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;

/**
 * A SHA-256 hash of a certificate's DER-encoded SubjectPublicKeyInfo, written
 * {@code sha256/<base64>} as in OkHttp and HPKP (RFC 7469).
 */
public final class Pin {

	private static final String PREFIX = "sha256/";

	private static final int HASH_LENGTH = 32;

	private final byte[] hash;

	private final int hashCode;

	private Pin(byte[] hash) {
		this.hash = hash;
		this.hashCode = Arrays.hashCode(hash);
	}

	/**
	 * Parses a pin written {@code sha256/<base64 of 32 bytes>}.
	 * @param text the pin text
	 * @return the pin
	 * @throws IllegalArgumentException with a message quoting the text if it is not a pin
	 */
	public static Pin parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("a pin must not be empty");
		}
		if (!text.startsWith(PREFIX)) {
			throw new IllegalArgumentException("pin '" + text + "' must start with '" + PREFIX + "'"
					+ (text.startsWith("sha1/") ? " (SHA-1 pins are not accepted)" : ""));
		}
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(text.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"pin '" + text + "' is not valid base64 after '" + PREFIX + "' (" + ex.getMessage() + ")");
		}
		if (decoded.length != HASH_LENGTH) {
			throw new IllegalArgumentException("pin '" + text + "' decodes to " + decoded.length
					+ " bytes, but a SHA-256 hash has " + HASH_LENGTH);
		}
		return new Pin(decoded);
	}

	/**
	 * Computes the pin of a certificate's public key.
	 * @param certificate the certificate
	 * @return the SHA-256 pin of its SubjectPublicKeyInfo
	 */
	public static Pin of(X509Certificate certificate) {
		return new Pin(sha256().digest(certificate.getPublicKey().getEncoded()));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must support SHA-256", ex);
		}
	}

	/**
	 * Returns the base64 text of the hash, without the {@code sha256/} prefix (the form of
	 * an HPKP {@code pin-sha256} directive).
	 * @return the base64 hash
	 */
	public String base64() {
		return Base64.getEncoder().encodeToString(this.hash);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof Pin pin && Arrays.equals(this.hash, pin.hash));
	}

	@Override
	public int hashCode() {
		return this.hashCode;
	}

	/**
	 * Returns the pin as {@code sha256/<base64>}.
	 */
	@Override
	public String toString() {
		return PREFIX + base64();
	}

}
