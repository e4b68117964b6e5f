package io.github.pinning.autoconfigure.openfeign;

import javax.net.ssl.SSLContext;

import feign.Client;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.core5.http.ssl.TLS;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientConnectionManagerBuilderCustomizer;
import org.springframework.cloud.openfeign.clientconfig.http2client.Http2ClientCustomizer;
import org.springframework.cloud.openfeign.support.FeignHttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@link AutoConfiguration Auto-configuration} that pins the clients of Spring Cloud OpenFeign,
 * whatever its reference has the application choose: Apache HttpClient 5 (the default once
 * {@code feign-hc5} is on the class path) through a connection manager customizer,
 * {@code http2client} ({@code spring.cloud.openfeign.http2client.enabled=true}) through a
 * client customizer, and otherwise Feign's default client, given the pinned JVM default trust.
 * Each keeps the JVM's default trust store it would have used, with the pins added.
 */
@AutoConfiguration(after = { PinningAutoConfiguration.class, FeignAutoConfiguration.class },
		afterName = "org.springframework.cloud.openfeign.loadbalancer.FeignLoadBalancerAutoConfiguration")
@ConditionalOnClass({ Client.class, FeignAutoConfiguration.class })
@ConditionalOnBean(SslBundlePinning.class)
public final class PinningFeignAutoConfiguration {

	/**
	 * Feign's default client ({@code Client.Default}), which takes the JVM's default socket
	 * factory unless it is given one: here, the pinned one. Only where neither Feign nor the
	 * application defined a client.
	 */
	@Bean
	@ConditionalOnMissingBean(Client.class)
	Client pinningFeignClient(SslBundlePinning pinning) {
		return new Client.Default(pinnedContext(pinning).getSocketFactory(), null);
	}

	@Bean
	@Order(3)
	PinningCoverage pinningFeignCoverage(ConfigurableListableBeanFactory beanFactory,
			FeignHttpClientProperties properties) {
		return new FeignCoverage(beanFactory, properties);
	}

	static SSLContext pinnedContext(SslBundlePinning pinning) {
		return pinning.systemDefault().createSslContext();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "feign.hc5.ApacheHttp5Client")
	static class HttpClient5 {

		/**
		 * Replaces the socket factory of the connection manager that Spring Cloud OpenFeign
		 * builds (the JVM's default trust, TLS 1.3 and 1.2) by one with the same trust and
		 * versions whose trust managers check pins. With
		 * {@code spring.cloud.openfeign.httpclient.disable-ssl-validation=true} the application
		 * asked for no validation at all, and its factory is left alone (the start-up warning
		 * names it).
		 */
		@Bean
		@SuppressWarnings("deprecation")
		HttpClientConnectionManagerBuilderCustomizer pinningFeignConnectionManagerCustomizer(SslBundlePinning pinning,
				FeignHttpClientProperties properties) {
			return (builder) -> {
				if (!properties.isDisableSslValidation()) {
					builder.setSSLSocketFactory(SSLConnectionSocketFactoryBuilder.create()
						.setSslContext(pinnedContext(pinning))
						.setTlsVersions(TLS.V_1_3, TLS.V_1_2)
						.build());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "feign.http2client.Http2Client")
	static class Http2 {

		@Bean
		Http2ClientCustomizer pinningFeignHttp2ClientCustomizer(SslBundlePinning pinning) {
			return (builder) -> builder.sslContext(pinnedContext(pinning));
		}

	}

}
