package io.github.pinning.autoconfigure.elasticsearch;

import java.util.List;

import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchProperties;
import org.springframework.boot.elasticsearch.autoconfigure.Rest5ClientBuilderCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link AutoConfiguration Auto-configuration} that pins Elasticsearch's REST client over
 * HTTPS without an SSL bundle ({@code spring.elasticsearch.uris=https://...}): the client
 * would take the JVM's default trust; its connection manager is given the same trust with the
 * pins (the JVM's default bundle, pinned), and the hostname verification that {@code spring.elasticsearch.restclient.ssl.verify-hostname}
 * asks for. With a bundle, Spring Boot's own customizer uses the bundle, which the registry
 * pins.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		afterName = "org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration")
@ConditionalOnClass({ Rest5ClientBuilder.class, Rest5ClientBuilderCustomizer.class })
@ConditionalOnBean({ SslBundlePinning.class, ElasticsearchConnectionDetails.class })
public final class PinningElasticsearchAutoConfiguration {

	@Bean
	Rest5ClientBuilderCustomizer pinningRest5ClientBuilderCustomizer(SslBundlePinning pinning,
			ElasticsearchConnectionDetails connectionDetails, ElasticsearchProperties properties) {
		return new PinningCustomizer(pinning, connectionDetails, properties);
	}

	@Bean
	@Order(6)
	PinningCoverage pinningElasticsearchCoverage(ElasticsearchConnectionDetails connectionDetails) {
		return () -> (connectionDetails.getSslBundle() == null)
				? List.of("Elasticsearch (HTTPS with the JVM's trust store)") : List.of();
	}

	/**
	 * Runs after Spring Boot's customizer, and only where it set no bundle.
	 */
	private static final class PinningCustomizer implements Rest5ClientBuilderCustomizer, Ordered {

		private final SslBundlePinning pinning;

		private final ElasticsearchConnectionDetails connectionDetails;

		private final ElasticsearchProperties properties;

		PinningCustomizer(SslBundlePinning pinning, ElasticsearchConnectionDetails connectionDetails,
				ElasticsearchProperties properties) {
			this.pinning = pinning;
			this.connectionDetails = connectionDetails;
			this.properties = properties;
		}

		@Override
		public void customize(Rest5ClientBuilder builder) {
		}

		@Override
		public void customize(PoolingAsyncClientConnectionManagerBuilder builder) {
			SslBundle pinned = this.pinning.pinIfUnpinned(this.connectionDetails.getSslBundle());
			if (pinned != null) {
				builder.setTlsStrategy(new DefaultClientTlsStrategy(pinned.createSslContext(),
						pinned.getOptions().getEnabledProtocols(), pinned.getOptions().getCiphers(), null,
						this.properties.getRestclient().getSsl().isVerifyHostname() ? HttpsSupport.getDefaultHostnameVerifier()
								: NoopHostnameVerifier.INSTANCE));
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
