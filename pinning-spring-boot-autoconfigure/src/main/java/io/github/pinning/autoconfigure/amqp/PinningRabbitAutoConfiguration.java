package io.github.pinning.autoconfigure.amqp;

import java.util.List;

import com.rabbitmq.client.ConnectionFactory;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link AutoConfiguration Auto-configuration} that pins RabbitMQ connections over TLS
 * ({@code spring.rabbitmq.ssl.enabled=true}) without a named SSL bundle (which the registry
 * pins) or a trust store of their own: the client would build its context from the JVM's
 * default trust; it is given the JVM's default bundle, pinned. A trust store given as
 * {@code spring.rabbitmq.ssl.trust-store} is named by the start-up warning.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass({ ConnectionFactory.class, ConnectionFactoryCustomizer.class })
@ConditionalOnBean({ SslBundlePinning.class, RabbitProperties.class, RabbitConnectionDetails.class })
public final class PinningRabbitAutoConfiguration {

	@Bean
	ConnectionFactoryCustomizer pinningRabbitConnectionFactoryCustomizer(SslBundlePinning pinning,
			RabbitConnectionDetails connectionDetails, RabbitProperties properties) {
		return (factory) -> {
			SslBundle bundle = connectionDetails.getSslBundle();
			SslBundle pinned = (bundle != null || usesJvmTrust(properties)) ? pinning.pinIfUnpinned(bundle) : null;
			if (pinned != null) {
				factory.useSslProtocol(pinned.createSslContext());
			}
		};
	}

	@Bean
	@Order(5)
	PinningCoverage pinningRabbitCoverage(RabbitProperties properties) {
		return new PinningCoverage() {

			@Override
			public List<String> appliedBy() {
				return usesJvmTrust(properties) ? List.of("RabbitMQ (TLS with the JVM's trust store)") : List.of();
			}

			@Override
			public List<String> unpinned() {
				RabbitProperties.Ssl ssl = properties.getSsl();
				return (ssl.determineEnabled() && ssl.getBundle() == null && ssl.getTrustStore() != null)
						? List.of("RabbitMQ with spring.rabbitmq.ssl.trust-store: its trust is built from that file,"
								+ " which the starter does not reach; configure the same trust store as an SSL bundle and"
								+ " set spring.rabbitmq.ssl.bundle")
						: List.of();
			}

		};
	}

	/** TLS without a bundle or a trust store of its own: the JVM's default trust. */
	private static boolean usesJvmTrust(RabbitProperties properties) {
		RabbitProperties.Ssl ssl = properties.getSsl();
		return ssl.determineEnabled() && ssl.getBundle() == null && ssl.getTrustStore() == null;
	}

}
