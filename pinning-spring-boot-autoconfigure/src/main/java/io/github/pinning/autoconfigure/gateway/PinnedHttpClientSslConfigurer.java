package io.github.pinning.autoconfigure.gateway;

import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;

/**
 * The Gateway's SSL configurer, with pinning on whatever trust it gives its route client: the
 * certificates of {@code httpclient.ssl.trusted-x509-certificates}, or, where it names none
 * and no bundle, the JVM's trust anchors (which Netty would otherwise take from the JVM's
 * default trust manager, beyond the starter's reach). A bundle's trust, from Spring Boot's
 * registry, already checks pins; {@code use-insecure-trust-manager} is left as the application
 * asked.
 */
final class PinnedHttpClientSslConfigurer extends HttpClientSslConfigurer {

	private final SslBundlePinning pinning;

	PinnedHttpClientSslConfigurer(HttpClientProperties.Ssl ssl, ServerProperties serverProperties,
			SslBundles bundles, SslBundlePinning pinning) {
		super(ssl, serverProperties, bundles);
		this.pinning = pinning;
	}

	@Override
	protected X509Certificate[] getTrustedX509CertificatesForTrustManager() {
		X509Certificate[] configured = super.getTrustedX509CertificatesForTrustManager();
		HttpClientProperties.Ssl ssl = getSslProperties();
		if (configured.length > 0 || ssl.isUseInsecureTrustManager() || ssl.getSslBundle() != null) {
			return configured;
		}
		return jvmTrustAnchors();
	}

	@Override
	protected void setTrustManager(SslContextBuilder builder, X509Certificate... certificates) {
		try {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			for (int i = 0; i < certificates.length; i++) {
				store.setCertificateEntry("trusted-" + i, certificates[i]);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			builder.trustManager(this.pinning.pinTrust(factory));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not make the Gateway's trust store: " + ex.getMessage(), ex);
		}
	}

	@Override
	protected void setTrustManager(SslContextBuilder builder, TrustManagerFactory factory) {
		super.setTrustManager(builder,
				(factory instanceof InsecureTrustManagerFactory) ? factory : this.pinning.pinTrust(factory));
	}

	private static X509Certificate[] jvmTrustAnchors() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509TrustManager x509) {
					return x509.getAcceptedIssuers();
				}
			}
			return new X509Certificate[0];
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the JVM's trust store: " + ex.getMessage(), ex);
		}
	}

}
