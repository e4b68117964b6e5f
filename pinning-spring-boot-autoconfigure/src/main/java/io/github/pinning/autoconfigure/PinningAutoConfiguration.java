package io.github.pinning.autoconfigure;

import io.github.pinning.PinningPolicy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link AutoConfiguration Auto-configuration} of the pinning policy from {@code pinning.*}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "pinning.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PinningProperties.class)
public final class PinningAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PinningPolicy pinningPolicy(PinningProperties properties, ResourceLoader resourceLoader) {
		return new PinningPolicyMapper(resourceLoader).map(properties);
	}

}
