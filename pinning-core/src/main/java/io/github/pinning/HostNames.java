package io.github.pinning;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Brings host names to the one form in which they are compared: lower case, ASCII (IDNs as
 * punycode), without one trailing dot; IPv4 literals in dotted-quad form, whichever spelling
 * the JDK accepts for them ({@code 127.1}, {@code 2130706433}, {@code 127.000.000.001}), and
 * IPv6 literals without brackets in the JDK's full form (IPv4-mapped ones as IPv4).
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
		String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
		String ipv4 = canonicalIpv4(name);
		return (ipv4 != null) ? ipv4 : name;
	}

	/**
	 * Returns the dotted-quad form of an IPv4 literal in any spelling that the JDK's
	 * {@code InetAddress} takes as one: one to four parts of decimal digits, leading zeros
	 * read as decimal, the last part filling the remaining bytes ({@code 127.1},
	 * {@code 127.0.1}, {@code 2130706433}, {@code 127.000.000.001}).
	 * @param host the host, lower case
	 * @return the dotted quad, or {@code null} if the host is no such literal (the JDK then
	 * resolves it as a name)
	 */
	static @Nullable String canonicalIpv4(String host) {
		long[] parts = new long[4];
		int count = 0;
		int start = 0;
		for (int i = 0; i <= host.length(); i++) {
			if (i < host.length() && host.charAt(i) != '.') {
				char c = host.charAt(i);
				if (c < '0' || c > '9') {
					return null;
				}
				continue;
			}
			if (i == start || count == 4) {
				return null;
			}
			long value = 0;
			for (int j = start; j < i; j++) {
				value = value * 10 + (host.charAt(j) - '0');
				if (value > 0xFFFFFFFFL) {
					return null;
				}
			}
			parts[count++] = value;
			start = i + 1;
		}
		long address = 0;
		for (int i = 0; i < count - 1; i++) {
			if (parts[i] > 255) {
				return null;
			}
			address = (address << 8) | parts[i];
		}
		int lastBytes = 5 - count;
		long last = parts[count - 1];
		if (last >= (1L << (8 * lastBytes))) {
			return null;
		}
		address = (address << (8 * lastBytes)) | last;
		return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
				+ (address & 0xFF);
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
