package io.github.pinning.autoconfigure.configclient;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.pinning.DeferredPinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.config.PinningPolicyMapper;
import io.github.pinning.autoconfigure.config.PinningProperties;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.bootstrap.BootstrapContext;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.config.client.ConfigClientProperties;
import org.springframework.cloud.config.client.ConfigClientRequestTemplateFactory;
import org.springframework.cloud.configuration.SSLContextFactory;
import org.springframework.cloud.configuration.TlsProperties;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

/**
 * The Config client's request template factory, with the pins of {@code pinning.*} on the
 * trust it would use: the JVM's default trust store, or the trust store of
 * {@code spring.cloud.config.tls.*}. The outcomes of its checks are kept until the application
 * context's listeners exist (metrics, history, log, reports), and told to them then.
 */
final class PinnedConfigClientRequestTemplateFactory extends ConfigClientRequestTemplateFactory {

	private static final Log logger = LogFactory.getLog(PinnedConfigClientRequestTemplateFactory.class);

	/** The name under which the outcomes of the import are handed to the application context. */
	static final String OUTCOMES_BEAN = "pinningConfigImportOutcomes";

	private final SslBundlePinning pinning;

	PinnedConfigClientRequestTemplateFactory(ConfigClientProperties properties, SslBundlePinning pinning) {
		super(logger, properties);
		this.pinning = pinning;
	}

	/**
	 * Registers the factory, which the Config client then takes instead of its own, and hands
	 * the outcomes of its checks to the application context once it exists.
	 * @param registry the bootstrap registry
	 */
	static void register(BootstrapRegistry registry) {
		DeferredPinningListener outcomes = new DeferredPinningListener();
		registry.register(ConfigClientRequestTemplateFactory.class, (context) -> create(context, outcomes));
		registry.addCloseListener((event) -> {
			if (event.getApplicationContext().getBeanFactory() instanceof DefaultListableBeanFactory beanFactory) {
				beanFactory.registerSingleton(OUTCOMES_BEAN, outcomes);
			}
		});
	}

	private static ConfigClientRequestTemplateFactory create(BootstrapContext context,
			DeferredPinningListener outcomes) {
		ConfigClientProperties client = context.get(ConfigClientProperties.class);
		PinningProperties properties = context.get(Binder.class).bindOrCreate("pinning", PinningProperties.class);
		if (!properties.isEnabled()) {
			return new ConfigClientRequestTemplateFactory(logger, client);
		}
		PinningPolicy policy = new PinningPolicyMapper(new DefaultResourceLoader()).map(properties);
		return new PinnedConfigClientRequestTemplateFactory(client,
				new SslBundlePinning(policy, outcomes, Clock.systemUTC()));
	}

	@Override
	protected ClientHttpRequestFactory createHttpRequestFactory(ConfigClientProperties properties) {
		if (properties.getTls().isEnabled()) {
			return super.createHttpRequestFactory(properties);
		}
		SSLContext context = this.pinning.systemDefault().createSslContext();
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory() {

			@Override
			protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
				super.prepareConnection(connection, httpMethod);
				if (connection instanceof HttpsURLConnection https) {
					https.setSSLSocketFactory(context.getSocketFactory());
				}
			}

		};
		factory.setReadTimeout(properties.getRequestReadTimeout());
		factory.setConnectTimeout(properties.getRequestConnectTimeout());
		return factory;
	}

	@Override
	protected PoolingHttpClientConnectionManager createConnectionManagerForTls(ConfigClientProperties properties)
			throws GeneralSecurityException, IOException {
		return PoolingHttpClientConnectionManagerBuilder.create()
			.setDefaultSocketConfig(createSocketBuilderForTls(properties).build())
			.setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext(properties.getTls())))
			.build();
	}

	/**
	 * The context {@code spring.cloud.config.tls.*} describes, with the trust managers of its
	 * trust store (the JVM's when it names none) wrapped to check pins.
	 */
	private SSLContext sslContext(TlsProperties tls) throws GeneralSecurityException, IOException {
		SSLContextFactory stores = new SSLContextFactory(tls);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init((tls.getTrustStore() != null) ? stores.createTrustStore() : null);
		KeyManager[] keys = null;
		if (tls.getKeyStore() != null) {
			KeyStore keyStore = stores.createKeyStore();
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keyStore, tls.keyPassword());
			keys = factory.getKeyManagers();
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys, this.pinning.wrap(trust.getTrustManagers()), null);
		return context;
	}

}
