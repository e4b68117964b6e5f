package io.github.pinning.report;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.github.pinning.HostPattern;
import io.github.pinning.Pin;
import io.github.pinning.PinningViolation;

/**
 * The JSON body of a violation report: the fields of RFC 7469 section 3, plus {@code pin-set}
 * and {@code mode}.
 */
public final class PinningReport {

	private static final Base64.Encoder PEM = Base64.getMimeEncoder(64, new byte[] { '\n' });

	private PinningReport() {
	}

	/**
	 * Returns the report of a violation as JSON.
	 * @param violation the violation
	 * @return the JSON text
	 */
	public static String toJson(PinningViolation violation) {
		HostPattern pattern = violation.pinSet().patternFor(violation.host());
		Instant expiresAt = violation.pinSet().expiresAt();
		List<String> knownPins = new ArrayList<>();
		for (Pin pin : violation.pinSet().pins()) {
			knownPins.add("pin-sha256=\"" + pin.base64() + "\"");
		}
		return new StringBuilder("{")
			.append(field("date-time")).append(string(violation.time().toString())).append(',')
			.append(field("hostname")).append(string(violation.host())).append(',')
			.append(field("port")).append(violation.port()).append(',')
			.append(field("effective-expiration-date"))
			.append((expiresAt != null) ? string(expiresAt.toString()) : "null").append(',')
			.append(field("include-subdomains"))
			.append(pattern != null && pattern.kind() != HostPattern.Kind.EXACT).append(',')
			.append(field("noted-hostname"))
			.append(string((pattern != null) ? pattern.domain() : violation.host())).append(',')
			.append(field("served-certificate-chain")).append(array(pems(violation.servedChain()))).append(',')
			.append(field("validated-certificate-chain")).append(array(pems(violation.validatedChain()))).append(',')
			.append(field("known-pins")).append(array(knownPins)).append(',')
			.append(field("pin-set")).append(string(violation.pinSet().name())).append(',')
			.append(field("mode")).append(string(violation.mode().value()))
			.append('}')
			.toString();
	}

	/**
	 * Returns a certificate in PEM form.
	 * @param certificate the certificate
	 * @return the PEM text, with its BEGIN and END lines
	 */
	public static String pem(X509Certificate certificate) {
		try {
			return "-----BEGIN CERTIFICATE-----\n" + PEM.encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("Certificate cannot be encoded: " + ex.getMessage(), ex);
		}
	}

	private static List<String> pems(List<X509Certificate> chain) {
		List<String> pems = new ArrayList<>(chain.size());
		for (X509Certificate certificate : chain) {
			pems.add(pem(certificate));
		}
		return pems;
	}

	private static String field(String name) {
		return string(name) + ":";
	}

	private static String array(List<String> values) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < values.size(); i++) {
			json.append((i > 0) ? "," : "").append(string(values.get(i)));
		}
		return json.append(']').toString();
	}

	static String string(String value) {
		StringBuilder json = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
