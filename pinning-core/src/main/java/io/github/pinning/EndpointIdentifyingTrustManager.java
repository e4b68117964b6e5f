package io.github.pinning;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Gives a plain {@link X509TrustManager} the checks that the JDK adds when it is handed one
 * directly: endpoint identification, then the algorithm constraints of the handshake
 * ({@link CertificateAlgorithmConstraints}). Once wrapped in an {@link X509ExtendedTrustManager},
 * the JDK no longer adds them, so without this class pinning would silently drop hostname
 * verification and accept keys and signatures that the JDK refuses.
 */
final class EndpointIdentifyingTrustManager extends X509ExtendedTrustManager {

	private static final int SAN_DNS_NAME = 2;

	private static final int SAN_IP_ADDRESS = 7;

	private final X509TrustManager delegate;

	EndpointIdentifyingTrustManager(X509TrustManager delegate) {
		this.delegate = delegate;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
			throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType);
		if (socket instanceof SSLSocket sslSocket && socket.isConnected()) {
			checkAdditionalTrust(chain, sslSocket.getHandshakeSession(), sslSocket.getSSLParameters());
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
			throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType);
		if (engine != null) {
			checkAdditionalTrust(chain, engine.getHandshakeSession(), engine.getSSLParameters());
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
			throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
			throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.delegate.getAcceptedIssuers();
	}

	private void checkAdditionalTrust(X509Certificate[] chain, @Nullable SSLSession session,
			SSLParameters parameters) throws CertificateException {
		if (session == null) {
			throw new CertificateException("No handshake session");
		}
		identify(chain[0], session, parameters);
		CertificateAlgorithmConstraints.check(chain, this.delegate.getAcceptedIssuers(), session, parameters);
	}

	private static void identify(X509Certificate leaf, SSLSession session, SSLParameters parameters)
			throws CertificateException {
		String algorithm = parameters.getEndpointIdentificationAlgorithm();
		if (algorithm == null || algorithm.isEmpty()) {
			return;
		}
		if (!algorithm.equalsIgnoreCase("HTTPS") && !algorithm.equalsIgnoreCase("LDAPS")) {
			throw new CertificateException("Unknown endpoint identification algorithm: " + algorithm);
		}
		String host = session.getPeerHost();
		if (host == null) {
			throw new CertificateException("No peer host is known, so the certificate's host cannot be verified");
		}
		verifyHost(host, leaf);
	}

	/**
	 * Verifies that a certificate names a host, as RFC 2818 and RFC 6125 describe: IP literals
	 * against IP address entries, other hosts against DNS name entries (a wildcard only as the
	 * whole leftmost label) or, where there are none, the most specific common name.
	 */
	static void verifyHost(String host, X509Certificate certificate) throws CertificateException {
		String normalized = HostNames.normalize(host);
		if (normalized == null) {
			throw new CertificateException("'" + CertificateText.neutralize(host) + "' is not a host name");
		}
		boolean ip = HostNames.isIpLiteral(normalized);
		boolean hasDnsNames = false;
		for (List<?> entry : subjectAlternativeNames(certificate)) {
			int type = (Integer) entry.get(0);
			String value = (String) entry.get(1);
			if (ip && type == SAN_IP_ADDRESS && normalized.equals(ipLiteral(value))) {
				return;
			}
			if (type == SAN_DNS_NAME) {
				hasDnsNames = true;
				if (!ip && dnsNameMatches(value, normalized)) {
					return;
				}
			}
		}
		if (!ip && !hasDnsNames) {
			String commonName = mostSpecificCommonName(certificate);
			if (commonName != null && dnsNameMatches(commonName, normalized)) {
				return;
			}
		}
		throw new CertificateException("No name matching " + CertificateText.neutralize(host)
				+ " found in the certificate of " + CertificateText.subject(certificate));
	}

	private static @Nullable String ipLiteral(String value) {
		return (value.indexOf(':') >= 0) ? HostNames.canonicalIpv6(value) : value;
	}

	private static boolean dnsNameMatches(String name, String host) {
		String pattern = HostNames.normalize(name.toLowerCase(Locale.ROOT));
		if (pattern == null) {
			return false;
		}
		if (!pattern.startsWith("*.")) {
			return pattern.equals(host);
		}
		String domain = pattern.substring(2);
		int dot = host.indexOf('.');
		return dot > 0 && domain.indexOf('.') > 0 && host.substring(dot + 1).equals(domain);
	}

	private static Collection<List<?>> subjectAlternativeNames(X509Certificate certificate)
			throws CertificateParsingException {
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		return (names != null) ? names : List.of();
	}

	private static @Nullable String mostSpecificCommonName(X509Certificate certificate) {
		try {
			List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
			// LdapName lists the most specific RDN last.
			for (int i = rdns.size() - 1; i >= 0; i--) {
				if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
					return rdns.get(i).getValue().toString();
				}
			}
			return null;
		}
		catch (InvalidNameException ex) {
			return null;
		}
	}

}
