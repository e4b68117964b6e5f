package io.github.pinning.autoconfigure.mongodb;

import java.util.List;

import com.mongodb.MongoClientSettings;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link AutoConfiguration Auto-configuration} that pins the MongoDB driver over TLS without a
 * named SSL bundle ({@code spring.mongodb.ssl.enabled=true}, or {@code tls=true} in the
 * connection string): Spring Boot gives it the system default bundle
 * ({@code SslBundle.systemDefault()}) or nothing (the driver's own default, the JVM's default
 * context), which no registry hands out and so nothing pins; it is given the JVM's default
 * bundle, pinned. A named bundle is pinned by the registry. The customizer runs after Spring
 * Boot's, for the blocking and the reactive client alike.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass({ MongoClientSettings.class, MongoClientSettingsBuilderCustomizer.class })
@ConditionalOnBean({ SslBundlePinning.class, MongoConnectionDetails.class, MongoProperties.class })
public final class PinningMongoAutoConfiguration {

	@Bean
	MongoClientSettingsBuilderCustomizer pinningMongoClientSettingsBuilderCustomizer(SslBundlePinning pinning,
			MongoConnectionDetails connectionDetails) {
		return (builder) -> {
			SslBundle bundle = connectionDetails.getSslBundle();
			SslBundle pinned = (bundle != null || usesTlsByConnectionString(connectionDetails))
					? pinning.pinIfUnpinned(bundle) : null;
			if (pinned != null) {
				builder.applyToSslSettings((ssl) -> ssl.enabled(true).context(pinned.createSslContext()));
			}
		};
	}

	private static boolean usesTlsByConnectionString(MongoConnectionDetails connectionDetails) {
		return Boolean.TRUE.equals(connectionDetails.getConnectionString().getSslEnabled());
	}

	@Bean
	@Order(9)
	PinningCoverage pinningMongoCoverage(MongoProperties properties) {
		return () -> (properties.getSsl().isEnabled() && properties.getSsl().getBundle() == null)
				? List.of("MongoDB (TLS with the JVM's trust store)") : List.of();
	}

}
