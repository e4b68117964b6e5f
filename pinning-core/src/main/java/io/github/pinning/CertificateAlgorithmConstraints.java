package io.github.pinning;

import java.io.IOException;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * The algorithm constraints that the JDK applies to a server's chain when it is handed a plain
 * {@code X509TrustManager}: from the top of the chain (a trusted last certificate excepted) to
 * the leaf, each signature algorithm must be one the handshake supports and the application's
 * {@link SSLParameters#getAlgorithmConstraints() constraints} permit, and neither the
 * certificate's key nor its signature may fall under {@code jdk.certpath.disabledAlgorithms}.
 * <p>
 * The last rule is decided by the JDK itself: each certificate is validated alone by
 * {@code CertPathValidator} against its issuer's key, and only a refusal for
 * {@link BasicReason#ALGORITHM_CONSTRAINED} counts (its signature, validity and the rest are the
 * delegate's business, as they are for the JDK).
 */
final class CertificateAlgorithmConstraints {

	private static final Set<CryptoPrimitive> SIGNATURE = EnumSet.of(CryptoPrimitive.SIGNATURE);

	private CertificateAlgorithmConstraints() {
	}

	/**
	 * Checks a server's chain as the JDK does for a plain trust manager.
	 * @param chain the chain as sent, leaf first
	 * @param trusted the delegate's accepted issuers
	 * @param session the handshake session
	 * @param parameters the socket's or engine's parameters
	 * @throws CertificateException if a certificate does not conform
	 */
	static void check(X509Certificate[] chain, X509Certificate @Nullable [] trusted, SSLSession session,
			SSLParameters parameters) throws CertificateException {
		int top = chain.length - 1;
		if (trusted != null && List.of(trusted).contains(chain[top])) {
			top--;
		}
		String[] supported = (isTls12OrLater(session.getProtocol()) && session instanceof ExtendedSSLSession extended)
				? extended.getLocalSupportedSignatureAlgorithms() : null;
		AlgorithmConstraints user = parameters.getAlgorithmConstraints();
		PublicKey issuerKey = null;
		for (int i = top; i >= 0; i--) {
			X509Certificate certificate = chain[i];
			String algorithm = certificate.getSigAlgName();
			if (supported != null && !isSupported(algorithm, supported)) {
				throw refused(certificate, "its signature algorithm " + algorithm + " is not one this handshake supports");
			}
			if (user != null && !permitsByUser(user, certificate, algorithm, issuerKey)) {
				throw refused(certificate, "the application's algorithm constraints refuse it");
			}
			if (isAlgorithmConstrained(certificate, (issuerKey != null) ? issuerKey : certificate.getPublicKey())) {
				throw refused(certificate, "its key or signature falls under jdk.certpath.disabledAlgorithms");
			}
			issuerKey = certificate.getPublicKey();
		}
	}

	private static boolean isTls12OrLater(String protocol) {
		return protocol.equals("TLSv1.2") || protocol.equals("TLSv1.3") || protocol.equals("DTLSv1.2");
	}

	private static boolean isSupported(String algorithm, String[] supported) {
		int and = algorithm.indexOf("and");
		String signature = (and > 0) ? algorithm.substring(0, and) : algorithm;
		for (String candidate : supported) {
			if (signature.equalsIgnoreCase(candidate)) {
				return true;
			}
		}
		return false;
	}

	private static boolean permitsByUser(AlgorithmConstraints user, X509Certificate certificate, String algorithm,
			@Nullable PublicKey issuerKey) {
		AlgorithmParameters parameters = signatureParameters(certificate, algorithm);
		boolean signature = (issuerKey != null) ? user.permits(SIGNATURE, algorithm, issuerKey, parameters)
				: user.permits(SIGNATURE, algorithm, parameters);
		return signature && user.permits(SIGNATURE, certificate.getPublicKey());
	}

	private static @Nullable AlgorithmParameters signatureParameters(X509Certificate certificate, String algorithm) {
		byte[] encoded = certificate.getSigAlgParams();
		if (encoded == null) {
			return null;
		}
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance(algorithm);
			parameters.init(encoded);
			return parameters;
		}
		catch (GeneralSecurityException | IOException ex) {
			return null;
		}
	}

	private static boolean isAlgorithmConstrained(X509Certificate certificate, PublicKey issuerKey) {
		try {
			PKIXParameters parameters = new PKIXParameters(
					Set.of(new TrustAnchor(certificate.getIssuerX500Principal(), issuerKey, null)));
			parameters.setRevocationEnabled(false);
			CertPathValidator.getInstance("PKIX")
				.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
			return false;
		}
		catch (CertPathValidatorException ex) {
			return ex.getReason() == BasicReason.ALGORITHM_CONSTRAINED;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static CertificateException refused(X509Certificate certificate, String reason) {
		return new CertificateException("Certificates do not conform to algorithm constraints: the certificate of "
				+ CertificateText.subject(certificate) + " is refused because " + reason);
	}

}
