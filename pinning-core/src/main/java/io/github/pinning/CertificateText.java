package io.github.pinning;

import java.security.cert.X509Certificate;

/**
 * Makes text that a peer chose safe to put in an exception message, a log line or a terminal.
 * A certificate's subject is whatever its issuer (or an impostor) wrote: a line break in it
 * would forge a second log line, an escape sequence would rewrite the terminal, and its length
 * is the peer's choice. Control characters (C0, DEL, C1), line and paragraph separators and
 * bidirectional controls are written as visible {@code \\uXXXX} escapes, so that the text stays
 * on one line and shows what it holds; text longer than a bound is cut, with a marker that says
 * how much was left out.
 */
public final class CertificateText {

	/** The most characters of a certificate's subject that are shown. */
	public static final int MAX_SUBJECT_LENGTH = 256;

	/** The most characters of any other peer-chosen text that are shown. */
	public static final int MAX_TEXT_LENGTH = 1024;

	private CertificateText() {
	}

	/**
	 * Returns a certificate's subject (RFC 2253), neutralised and cut to
	 * {@value #MAX_SUBJECT_LENGTH} characters.
	 * @param certificate the certificate
	 * @return the subject, safe to print
	 */
	public static String subject(X509Certificate certificate) {
		return neutralize(certificate.getSubjectX500Principal().getName(), MAX_SUBJECT_LENGTH);
	}

	/**
	 * Returns text with every character that could change how it is displayed escaped, cut to
	 * {@value #MAX_TEXT_LENGTH} characters.
	 * @param text the text, for example a host, a name from a certificate or a failure message
	 * @return the text, safe to print; the same instance if nothing needed escaping or cutting
	 */
	public static String neutralize(String text) {
		return neutralize(text, MAX_TEXT_LENGTH);
	}

	private static String neutralize(String text, int maxLength) {
		int first = firstUnsafe(text);
		if (first < 0 && text.length() <= maxLength) {
			return text;
		}
		StringBuilder safe = new StringBuilder(Math.min(text.length(), maxLength) + 32);
		int i = 0;
		for (; i < text.length() && safe.length() < maxLength; i++) {
			char c = text.charAt(i);
			if (isUnsafe(c)) {
				safe.append(String.format("\\u%04X", (int) c));
			}
			else {
				safe.append(c);
			}
		}
		if (i < text.length()) {
			safe.append("... (").append(text.length() - i).append(" more characters)");
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
