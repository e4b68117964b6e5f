package io.github.pinning.autoconfigure.cassandra;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.cassandra.autoconfigure.CqlSessionBuilderCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link AutoConfiguration Auto-configuration} that pins the Cassandra driver over TLS
 * without an SSL bundle ({@code spring.cassandra.ssl.enabled=true}): Spring Boot gives it the
 * system default bundle ({@code SslBundle.systemDefault()}), which no registry hands out and
 * so nothing pins; it is given the same bundle pinned, with the hostname validation of
 * {@code spring.cassandra.ssl.verify-hostname}. A named bundle is pinned by the registry.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		afterName = "org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration")
@ConditionalOnClass({ CqlSessionBuilder.class, CqlSessionBuilderCustomizer.class })
@ConditionalOnBean({ SslBundlePinning.class, CassandraConnectionDetails.class })
public final class PinningCassandraAutoConfiguration {

	@Bean
	CqlSessionBuilderCustomizer pinningCqlSessionBuilderCustomizer(SslBundlePinning pinning,
			CassandraConnectionDetails connectionDetails, CassandraProperties properties) {
		return (builder) -> {
			SslBundle bundle = connectionDetails.getSslBundle();
			SslBundle pinned = (bundle != null) ? pinning.pinIfUnpinned(bundle) : null;
			if (bundle != null && pinned != null) {
				builder.withSslEngineFactory(new ProgrammaticSslEngineFactory(pinned.createSslContext(),
						bundle.getOptions().getCiphers(), properties.getSsl().isVerifyHostname()));
			}
		};
	}

	@Bean
	@Order(7)
	PinningCoverage pinningCassandraCoverage(CassandraConnectionDetails connectionDetails,
			CassandraProperties properties) {
		return () -> (properties.getSsl().isEnabled() && properties.getSsl().getBundle() == null)
				? List.of("Cassandra (TLS with the JVM's trust store)") : List.of();
	}

}
