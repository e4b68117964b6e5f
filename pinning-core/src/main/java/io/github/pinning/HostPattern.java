package io.github.pinning;

import java.util.Comparator;

import org.jspecify.annotations.Nullable;

/**
 * The hosts a pin set applies to: {@code example.com} (that host only), {@code *.example.com}
 * (exactly one more label) or {@code **.example.com} (example.com and any depth below it). IP
 * literals match only themselves.
 */
public final class HostPattern {

	/**
	 * Orders patterns from the most to the least specific: the longer fixed part (the whole
	 * name, or the domain after the wildcard) first, and on a tie exact, then {@code *.}, then
	 * {@code **.}.
	 */
	public static final Comparator<HostPattern> MOST_SPECIFIC_FIRST = Comparator
		.comparingInt((HostPattern pattern) -> pattern.domain().length())
		.reversed()
		.thenComparing(HostPattern::kind)
		.thenComparing(HostPattern::domain);

	private static final int MAX_LABEL_LENGTH = 63;

	private static final int MAX_NAME_LENGTH = 253;

	/** The kinds of pattern, most specific first. */
	public enum Kind {

		/** The host itself. */
		EXACT,

		/** Exactly one label more than the domain. */
		ONE_LABEL,

		/** The domain and any number of labels below it. */
		ANY_DEPTH

	}

	private final Kind kind;

	private final String domain;

	private HostPattern(Kind kind, String domain) {
		this.kind = kind;
		this.domain = domain;
	}

	/**
	 * Parses a host pattern.
	 * @param text the pattern, for example {@code api.example.com}, {@code *.example.com},
	 * {@code **.example.com}, {@code 10.0.0.1} or {@code [::1]}
	 * @return the pattern
	 * @throws IllegalArgumentException with a message quoting the text if it is not a pattern
	 */
	public static HostPattern parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("a host pattern must not be empty");
		}
		String problem = problemOf(text);
		if (problem != null) {
			throw new IllegalArgumentException("host pattern '" + text + "' " + problem);
		}
		Kind kind = text.startsWith("**.") ? Kind.ANY_DEPTH : text.startsWith("*.") ? Kind.ONE_LABEL : Kind.EXACT;
		String rest = text.substring((kind == Kind.ANY_DEPTH) ? 3 : (kind == Kind.ONE_LABEL) ? 2 : 0);
		if (rest.indexOf('*') >= 0) {
			throw new IllegalArgumentException("host pattern '" + text
					+ "' may hold a wildcard only as its whole leftmost label ('*.' or '**.')");
		}
		if (rest.startsWith("[") || rest.indexOf(':') >= 0) {
			return ipv6(text, kind, rest);
		}
		String domain = HostNames.normalize(rest);
		if (domain == null) {
			throw new IllegalArgumentException("host pattern '" + text + "' is not a valid host name");
		}
		String labelProblem = labelProblemOf(domain);
		if (labelProblem != null) {
			throw new IllegalArgumentException("host pattern '" + text + "' " + labelProblem);
		}
		String lastLabel = domain.substring(domain.lastIndexOf('.') + 1);
		if (HostNames.isDigits(lastLabel)) {
			if (kind != Kind.EXACT) {
				throw new IllegalArgumentException(
						"host pattern '" + text + "' puts a wildcard on an IP address; IP addresses match only themselves");
			}
			if (!HostNames.isIpv4(domain)) {
				throw new IllegalArgumentException("host pattern '" + text + "' is not a valid IPv4 address");
			}
		}
		return new HostPattern(kind, domain);
	}

	private static HostPattern ipv6(String text, Kind kind, String rest) {
		if (kind != Kind.EXACT) {
			throw new IllegalArgumentException(
					"host pattern '" + text + "' puts a wildcard on an IP address; IP addresses match only themselves");
		}
		boolean bracketed = rest.startsWith("[") && rest.endsWith("]");
		String literal = bracketed ? rest.substring(1, rest.length() - 1) : rest;
		String canonical = (literal.indexOf('%') >= 0) ? null : HostNames.canonicalIpv6(literal);
		if (canonical == null || (canonical.indexOf(':') < 0 && !HostNames.isIpv4(canonical))) {
			throw new IllegalArgumentException("host pattern '" + text
					+ "' must not contain a port; an IPv6 address is written without one, as ::1 or [::1]");
		}
		return new HostPattern(Kind.EXACT, canonical);
	}

	private static @Nullable String problemOf(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return "must not contain spaces";
			}
		}
		if (text.contains("://")) {
			return "must be a host name without a scheme (no 'https://')";
		}
		if (text.indexOf('/') >= 0) {
			return "must be a host name without a path";
		}
		if (text.indexOf('@') >= 0 || text.indexOf('?') >= 0 || text.indexOf('#') >= 0) {
			return "must be a host name, not a URL";
		}
		return null;
	}

	private static @Nullable String labelProblemOf(String domain) {
		if (domain.length() > MAX_NAME_LENGTH) {
			return "is longer than " + MAX_NAME_LENGTH + " characters";
		}
		for (String label : domain.split("\\.", -1)) {
			if (label.isEmpty()) {
				return "has an empty label";
			}
			if (label.length() > MAX_LABEL_LENGTH) {
				return "has a label longer than " + MAX_LABEL_LENGTH + " characters";
			}
			for (int i = 0; i < label.length(); i++) {
				char c = label.charAt(i);
				boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
				if (!allowed) {
					return "holds '" + c + "', which is not allowed in a host name";
				}
			}
		}
		return null;
	}

	/**
	 * Returns whether a host, as a client connected to it, matches this pattern.
	 * @param host the host
	 * @return whether it matches
	 */
	public boolean matches(String host) {
		String normalized = HostNames.normalize(host);
		return normalized != null && matchesNormalized(normalized);
	}

	boolean matchesNormalized(String host) {
		return switch (this.kind) {
			case EXACT -> host.equals(this.domain);
			case ONE_LABEL -> !HostNames.isIpLiteral(host) && host.endsWith(this.domain)
					&& host.length() > this.domain.length() + 1
					&& host.charAt(host.length() - this.domain.length() - 1) == '.'
					&& host.lastIndexOf('.', host.length() - this.domain.length() - 2) < 0;
			case ANY_DEPTH -> !HostNames.isIpLiteral(host) && (host.equals(this.domain) || (host.endsWith(this.domain)
					&& host.length() > this.domain.length() + 1
					&& host.charAt(host.length() - this.domain.length() - 1) == '.'));
		};
	}

	/**
	 * Returns the kind of this pattern.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Returns the normalised host or domain after the wildcard, if any.
	 * @return the domain, for example {@code example.com} for {@code *.example.com}
	 */
	public String domain() {
		return this.domain;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof HostPattern pattern && this.kind == pattern.kind
				&& this.domain.equals(pattern.domain));
	}

	@Override
	public int hashCode() {
		return this.kind.hashCode() * 31 + this.domain.hashCode();
	}

	/**
	 * Returns the pattern in its normalised form, for example {@code *.example.com}.
	 */
	@Override
	public String toString() {
		return switch (this.kind) {
			case EXACT -> this.domain.indexOf(':') >= 0 ? "[" + this.domain + "]" : this.domain;
			case ONE_LABEL -> "*." + this.domain;
			case ANY_DEPTH -> "**." + this.domain;
		};
	}

}
