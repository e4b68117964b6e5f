package io.github.pinning.autoconfigure;

import java.time.Clock;

import io.github.pinning.PinningHistory;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link AutoConfiguration Auto-configuration} of the pinning policy from {@code pinning.*},
 * and of the pinning of SSL bundles that the client auto-configurations apply.
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

	@Bean
	@ConditionalOnMissingBean
	PinningHistory pinningHistory(ObjectProvider<Clock> clock) {
		return new PinningHistory(PinningHistory.DEFAULT_CAPACITY, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	PinningLog pinningLog(PinningPolicy pinningPolicy, PinningProperties properties, ObjectProvider<Clock> clock) {
		return new PinningLog(pinningPolicy, clock.getIfAvailable(Clock::systemUTC),
				properties.getHealth().getExpiryWarning());
	}

	@Bean
	PinningViolationLog pinningViolationLog(ObjectProvider<Clock> clock) {
		return new PinningViolationLog(clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	LockoutForecastLog pinningLockoutForecastLog(PinningProperties properties, ObjectProvider<Clock> clock) {
		return new LockoutForecastLog(clock.getIfAvailable(Clock::systemUTC), properties.getHealth().getExpiryWarning());
	}

	@Bean
	@ConditionalOnMissingBean
	SslBundlePinning sslBundlePinning(PinningPolicy pinningPolicy, ObjectProvider<PinningListener> listeners,
			ObjectProvider<Clock> clock) {
		return new SslBundlePinning(pinningPolicy, PinningListener.of(listeners.orderedStream().toList()),
				clock.getIfAvailable(Clock::systemUTC));
	}

}
