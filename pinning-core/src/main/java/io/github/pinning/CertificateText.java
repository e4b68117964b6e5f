package io.github.pinning;

import java.security.cert.X509Certificate;

/**
 * Makes text that a peer chose safe to put in an exception message, a log line or a terminal.
 * A certificate's subject is whatever its issuer (or an impostor) wrote: a line break in it
 * would forge a second log line, an escape sequence would rewrite the terminal. Control
 * characters (C0, DEL, C1), line and paragraph separators and bidirectional controls are
 * written as visible {@code \\uXXXX} escapes, so that the text stays on one line and shows
 * what it holds.
 */
public final class CertificateText {

	private CertificateText() {
	}

	/**
	 * Returns a certificate's subject (RFC 2253), neutralised.
	 * @param certificate the certificate
	 * @return the subject, safe to print
	 */
	public static String subject(X509Certificate certificate) {
		return neutralize(certificate.getSubjectX500Principal().getName());
	}

	/**
	 * Returns text with every character that could change how it is displayed escaped.
	 * @param text the text, for example a host or a name from a certificate
	 * @return the text, safe to print; the same instance if nothing needed escaping
	 */
	public static String neutralize(String text) {
		int first = firstUnsafe(text);
		if (first < 0) {
			return text;
		}
		StringBuilder safe = new StringBuilder(text.length() + 16).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isUnsafe(c)) {
				safe.append(String.format("\\u%04X", (int) c));
			}
			else {
				safe.append(c);
			}
		}
		return safe.toString();
	}

	private static int firstUnsafe(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isUnsafe(c)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isUnsafe(char c) {
		return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
				|| (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';
	}

}
