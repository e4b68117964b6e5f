package io.github.pinning.tool;

import java.net.URI;

/**
 * A TLS server named on the command line: {@code example.com}, {@code example.com:8443},
 * {@code https://example.com/path} or {@code [::1]:8443}.
 *
 * @param host the host name or IP address
 * @param port the port, 443 unless given
 */
record Target(String host, int port) {

	private static final int HTTPS_PORT = 443;

	static Target parse(String text) {
		String authority = text;
		if (text.contains("://")) {
			URI uri = URI.create(text);
			if (uri.getHost() == null) {
				throw new IllegalArgumentException("'" + text + "' names no host");
			}
			return new Target(uri.getHost().replace("[", "").replace("]", ""),
					(uri.getPort() != -1) ? uri.getPort() : HTTPS_PORT);
		}
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			if (close < 0) {
				throw new IllegalArgumentException("'" + text + "' opens an IPv6 address with '[' but never closes it");
			}
			String host = authority.substring(1, close);
			String rest = authority.substring(close + 1);
			return new Target(host, rest.startsWith(":") ? port(text, rest.substring(1)) : HTTPS_PORT);
		}
		int colon = authority.lastIndexOf(':');
		if (colon > 0 && authority.indexOf(':') == colon) {
			return new Target(authority.substring(0, colon), port(text, authority.substring(colon + 1)));
		}
		if (authority.isBlank()) {
			throw new IllegalArgumentException("an empty host was given");
		}
		return new Target(authority, HTTPS_PORT);
	}

	private static int port(String text, String port) {
		try {
			int value = Integer.parseInt(port);
			if (value < 1 || value > 65535) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + port + "' in '" + text + "' is not a port (1-65535)");
		}
	}

	@Override
	public String toString() {
		return ((this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

}
