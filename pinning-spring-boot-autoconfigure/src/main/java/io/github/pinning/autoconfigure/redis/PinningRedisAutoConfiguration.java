package io.github.pinning.autoconfigure.redis;

import java.util.List;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import io.lettuce.core.ClientOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link AutoConfiguration Auto-configuration} that pins Lettuce's Redis connections over TLS
 * without a named SSL bundle ({@code spring.data.redis.ssl.enabled=true}, or a
 * {@code rediss://} URL): Spring Boot gives them the system default bundle
 * ({@code SslBundle.systemDefault()}) or nothing (Lettuce's own default), which no registry hands
 * out and so nothing pins; they are given the JVM's default bundle, pinned. A named bundle is
 * pinned by the registry.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ ClientOptions.class, LettuceClientOptionsBuilderCustomizer.class })
@ConditionalOnBean({ SslBundlePinning.class, DataRedisConnectionDetails.class, DataRedisProperties.class })
public final class PinningRedisAutoConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer pinningLettuceClientOptionsBuilderCustomizer(SslBundlePinning pinning,
			DataRedisConnectionDetails connectionDetails, DataRedisProperties properties) {
		return (builder) -> {
			SslBundle bundle = connectionDetails.getSslBundle();
			SslBundle pinned = (bundle != null || usesTlsByUrl(properties)) ? pinning.pinIfUnpinned(bundle) : null;
			if (pinned != null) {
				builder.sslOptions(sslOptions(pinned));
			}
		};
	}

	private static io.lettuce.core.SslOptions sslOptions(SslBundle bundle) {
		io.lettuce.core.SslOptions.Builder builder = io.lettuce.core.SslOptions.builder()
			.keyManager(bundle.getManagers().getKeyManagerFactory())
			.trustManager(bundle.getManagers().getTrustManagerFactory());
		SslOptions options = bundle.getOptions();
		if (options.getCiphers() != null) {
			builder.cipherSuites(options.getCiphers());
		}
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		return builder.build();
	}

	private static boolean usesTlsByUrl(DataRedisProperties properties) {
		@Nullable String url = properties.getUrl();
		return url != null && url.startsWith("rediss:");
	}

	@Bean
	@Order(8)
	PinningCoverage pinningRedisCoverage(DataRedisProperties properties) {
		return () -> ((properties.getSsl().isEnabled() && properties.getSsl().getBundle() == null)
				|| usesTlsByUrl(properties)) ? List.of("Redis over Lettuce (TLS with the JVM's trust store)")
						: List.of();
	}

}
