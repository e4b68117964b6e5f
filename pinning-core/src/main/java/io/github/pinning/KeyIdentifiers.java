package io.github.pinning;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads the key identifiers of RFC 5280 (4.2.1.1 and 4.2.1.2): the authority key identifier a
 * certificate names its signer by, and the subject key identifier a CA certificate names its own
 * key by. They only order a path search (a signer whose identifier matches is tried first);
 * they never decide a link, since either may be absent, and a peer may write any.
 */
final class KeyIdentifiers {

	private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";

	private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";

	private static final int SEQUENCE = 0x30;

	private static final int OCTET_STRING = 0x04;

	private static final int KEY_IDENTIFIER_TAG = 0x80;

	private KeyIdentifiers() {
	}

	/**
	 * Returns whether a candidate signer's subject key identifier is the one a certificate names
	 * as its authority's.
	 * @param certificate the certificate
	 * @param signer the candidate signer
	 * @return {@code true} only if both identifiers are present and equal
	 */
	static boolean named(X509Certificate certificate, X509Certificate signer) {
		byte[] authority = authorityKeyIdentifier(certificate);
		return authority != null && Arrays.equals(authority, subjectKeyIdentifier(signer));
	}

	/**
	 * Returns the key identifier of a certificate's authority key identifier extension.
	 * @param certificate the certificate
	 * @return the identifier, or {@code null} if absent or not readable
	 */
	static byte @Nullable [] authorityKeyIdentifier(X509Certificate certificate) {
		// OCTET STRING { SEQUENCE { [0] keyIdentifier, ... } }
		Der extension = Der.of(extensionValue(certificate, AUTHORITY_KEY_IDENTIFIER), OCTET_STRING);
		Der sequence = (extension != null) ? extension.inner(SEQUENCE) : null;
		Der identifier = (sequence != null) ? sequence.inner(KEY_IDENTIFIER_TAG) : null;
		return (identifier != null) ? identifier.content() : null;
	}

	/**
	 * Returns a certificate's subject key identifier.
	 * @param certificate the certificate
	 * @return the identifier, or {@code null} if absent or not readable
	 */
	static byte @Nullable [] subjectKeyIdentifier(X509Certificate certificate) {
		// OCTET STRING { OCTET STRING keyIdentifier }
		Der extension = Der.of(extensionValue(certificate, SUBJECT_KEY_IDENTIFIER), OCTET_STRING);
		Der identifier = (extension != null) ? extension.inner(OCTET_STRING) : null;
		return (identifier != null) ? identifier.content() : null;
	}

	/**
	 * Returns a non-critical extension's value, as RFC 5280 has both identifiers be. The JDK
	 * throws (and catches) an exception for every absent extension it is asked for, which costs
	 * more than the look-up: a peer's certificates without them would make ordering dear.
	 */
	private static byte @Nullable [] extensionValue(X509Certificate certificate, String oid) {
		Set<String> present = certificate.getNonCriticalExtensionOIDs();
		return (present != null && present.contains(oid)) ? certificate.getExtensionValue(oid) : null;
	}

	/**
	 * One DER element: its content's place within the bytes.
	 */
	private record Der(byte[] bytes, int start, int end) {

		static @Nullable Der of(byte @Nullable [] bytes, int tag) {
			return (bytes != null) ? at(bytes, 0, bytes.length, tag) : null;
		}

		/** The element with the given tag at the start of this one's content. */
		@Nullable Der inner(int tag) {
			return at(this.bytes, this.start, this.end, tag);
		}

		byte[] content() {
			return Arrays.copyOfRange(this.bytes, this.start, this.end);
		}

		private static @Nullable Der at(byte[] bytes, int offset, int limit, int tag) {
			if (limit - offset < 2 || (bytes[offset] & 0xFF) != tag) {
				return null;
			}
			int length = bytes[offset + 1] & 0xFF;
			int start = offset + 2;
			if (length > 0x80) {
				int octets = length - 0x80;
				if (octets > 3 || start + octets > limit) {
					return null;
				}
				length = 0;
				for (int i = 0; i < octets; i++) {
					length = (length << 8) | (bytes[start + i] & 0xFF);
				}
				start += octets;
			}
			else if (length == 0x80) {
				return null;
			}
			return (start + length <= limit) ? new Der(bytes, start, start + length) : null;
		}

	}

}
