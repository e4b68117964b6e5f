package io.github.pinning.benchmarks;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX validation, reached through the engine and socket methods too. The JDK's own
 * engine method needs a live handshake session for hostname verification; outside a handshake
 * this runs the same path validation without it, so that the baseline and the pinned trust
 * manager do the same PKIX work and differ by the pin step alone.
 */
final class PkixOnlyTrustManager extends X509ExtendedTrustManager {

	private final X509ExtendedTrustManager jdk;

	PkixOnlyTrustManager(X509ExtendedTrustManager jdk) {
		this.jdk = jdk;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.jdk.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.jdk.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.jdk.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.jdk.checkClientTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.jdk.checkClientTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.jdk.checkClientTrusted(chain, authType);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.jdk.getAcceptedIssuers();
	}

}
