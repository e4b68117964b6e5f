package io.github.pinning;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Brings host names to the one form in which they are compared: lower case, ASCII (IDNs as
 * punycode), without one trailing dot, and IPv6 literals without brackets in the JDK's full
 * form.
 */
final class HostNames {

	private HostNames() {
	}

	/**
	 * Normalises a host that a client connected to.
	 * @param host the host as the TLS layer reports it
	 * @return the normalised host, or {@code null} if it cannot be a host name
	 */
	static @Nullable String normalize(String host) {
		String unbracketed = (host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']')
				? host.substring(1, host.length() - 1) : host;
		if (unbracketed.indexOf(':') >= 0) {
			return canonicalIpv6(unbracketed);
		}
		String ascii = isAscii(unbracketed) ? unbracketed : toAscii(unbracketed);
		if (ascii == null) {
			return null;
		}
		String lower = ascii.toLowerCase(Locale.ROOT);
		return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
	}

	/**
	 * Returns whether a normalised host is an IPv4 or IPv6 literal.
	 */
	static boolean isIpLiteral(String normalizedHost) {
		return normalizedHost.indexOf(':') >= 0 || isIpv4(normalizedHost);
	}

	static boolean isIpv4(String host) {
		int parts = 0;
		int value = -1;
		int digits = 0;
		for (int i = 0; i <= host.length(); i++) {
			char c = (i < host.length()) ? host.charAt(i) : '.';
			if (c == '.') {
				if (digits == 0 || value > 255) {
					return false;
				}
				parts++;
				value = -1;
				digits = 0;
			}
			else if (c >= '0' && c <= '9' && digits < 3) {
				value = ((value < 0) ? 0 : value * 10) + (c - '0');
				digits++;
			}
			else {
				return false;
			}
		}
		return parts == 4;
	}

	static boolean isDigits(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return !text.isEmpty();
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable String toAscii(String host) {
		try {
			return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Returns the JDK's full form of an IPv6 literal (zone dropped), or {@code null} if the
	 * text is not one. Only hex digits, colons and dots reach {@link InetAddress}, so this never
	 * asks a name service.
	 */
	static @Nullable String canonicalIpv6(String literal) {
		int zone = literal.indexOf('%');
		String address = (zone >= 0) ? literal.substring(0, zone) : literal;
		if (address.isEmpty()) {
			return null;
		}
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
				return null;
			}
		}
		try {
			return InetAddress.getByName(address).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
