package io.github.pinning.autoconfigure.gateway;

import java.util.List;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

/**
 * {@link AutoConfiguration Auto-configuration} that pins the route client of Spring Cloud
 * Gateway (WebFlux), whatever trust its reference has the application give it: the JVM's,
 * {@code httpclient.ssl.trusted-x509-certificates}, or {@code httpclient.ssl.ssl-bundle}. Its
 * SSL configurer is replaced, as the bean is created, by {@link PinnedHttpClientSslConfigurer},
 * and its connections check their session when the handshake completes
 * ({@link GatewaySessionChecks}).
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnClass({ HttpClientSslConfigurer.class, HttpClientProperties.class })
@Import(GatewaySessionChecks.class)
public final class PinningGatewayAutoConfiguration {

	@Bean
	static BeanPostProcessor pinningGatewaySslConfigurerPostProcessor(ObjectProvider<SslBundlePinning> pinning,
			ObjectProvider<HttpClientProperties> properties, ObjectProvider<ServerProperties> serverProperties,
			ObjectProvider<SslBundles> bundles) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				// Gateway's own configurer (an anonymous subclass that overrides nothing); an
				// application's own subclass is left as it is.
				if (!(bean instanceof HttpClientSslConfigurer)
						|| !bean.getClass().getName().startsWith("org.springframework.cloud.gateway.")) {
					return bean;
				}
				SslBundlePinning active = pinning.getIfAvailable();
				if (active == null || !active.isActive()) {
					return bean;
				}
				return new PinnedHttpClientSslConfigurer(properties.getObject().getSsl(), serverProperties.getObject(),
						bundles.getObject(), active);
			}

		};
	}

	@Bean
	@Order(8)
	PinningCoverage pinningGatewayCoverage(ObjectProvider<HttpClientProperties> properties) {
		return new PinningCoverage() {

			@Override
			public List<String> appliedBy() {
				HttpClientProperties client = properties.getIfAvailable();
				return (client != null && !client.getSsl().isUseInsecureTrustManager())
						? List.of("Spring Cloud Gateway's route client") : List.of();
			}

			@Override
			public List<String> unpinned() {
				HttpClientProperties client = properties.getIfAvailable();
				return (client != null && client.getSsl().isUseInsecureTrustManager())
						? List.of("Spring Cloud Gateway's route client, with httpclient.ssl.use-insecure-trust-manager=true:"
								+ " certificate validation is off, and only a pin of a server's own key can match; remove"
								+ " the property")
						: List.of();
			}

		};
	}

}
