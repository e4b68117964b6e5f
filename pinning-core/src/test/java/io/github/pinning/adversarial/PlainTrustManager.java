package io.github.pinning.adversarial;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/**
 * A trust manager that is only an {@link X509TrustManager}, as applications write them: the
 * JDK treats it differently from an extended one, adding the checks it lacks.
 */
final class PlainTrustManager implements X509TrustManager {

	private final X509TrustManager delegate;

	PlainTrustManager(X509TrustManager delegate) {
		this.delegate = delegate;
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.delegate.getAcceptedIssuers();
	}

}
