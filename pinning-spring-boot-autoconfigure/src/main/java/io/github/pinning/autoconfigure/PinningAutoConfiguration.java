package io.github.pinning.autoconfigure;

import java.time.Clock;

import java.util.List;

import io.github.pinning.PinningHistory;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.InvalidPinningConfigurationException.Problem;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import io.github.pinning.autoconfigure.ssl.SslBundlesPostProcessor;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link AutoConfiguration Auto-configuration} of the pinning policy from {@code pinning.*},
 * and of the pinning of SSL bundles that the client auto-configurations apply.
 * {@code pinning.enabled} is read when the beans are created rather than by a condition, so
 * that it can still switch pinning off at run time under Spring AOT and in native images: when
 * it is {@code false} the policy is empty and nothing is pinned.
 */
@AutoConfiguration
@EnableConfigurationProperties(PinningProperties.class)
public final class PinningAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PinningPolicy pinningPolicy(PinningProperties properties, ResourceLoader resourceLoader,
			ConfigurableEnvironment environment) {
		if (!properties.isEnabled()) {
			return PinningPolicy.empty();
		}
		List<Problem> unknownKeys = PinningKeys.check(environment);
		if (!unknownKeys.isEmpty()) {
			throw new InvalidPinningConfigurationException(unknownKeys);
		}
		return new PinningPolicyMapper(resourceLoader).map(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	PinningHistory pinningHistory(ObjectProvider<Clock> clock) {
		return new PinningHistory(PinningHistory.DEFAULT_CAPACITY, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	PinningLog pinningLog(PinningPolicy pinningPolicy, PinningProperties properties, ObjectProvider<Clock> clock) {
		return new PinningLog(properties.isEnabled(), pinningPolicy, clock.getIfAvailable(Clock::systemUTC),
				properties.getHealth().getExpiryWarning());
	}

	@Bean
	PinningViolationLog pinningViolationLog(ObjectProvider<Clock> clock) {
		return new PinningViolationLog(clock.getIfAvailable(Clock::systemUTC));
	}

	/**
	 * Pins every SSL bundle that clients take from Spring Boot's registry by name.
	 */
	@Bean
	static SslBundlesPostProcessor pinningSslBundlesPostProcessor(ObjectProvider<SslBundlePinning> pinning) {
		return new SslBundlesPostProcessor(pinning);
	}

	@Bean
	PinningCoverageLog pinningCoverageLog(PinningPolicy pinningPolicy, ListableBeanFactory beanFactory) {
		return new PinningCoverageLog(pinningPolicy, beanFactory);
	}

	@Bean
	LockoutForecastLog pinningLockoutForecastLog(PinningProperties properties, ObjectProvider<Clock> clock) {
		return new LockoutForecastLog(clock.getIfAvailable(Clock::systemUTC), properties.getHealth().getExpiryWarning());
	}

	@Bean
	@ConditionalOnMissingBean
	SslBundlePinning sslBundlePinning(PinningPolicy pinningPolicy, PinningProperties properties,
			ObjectProvider<PinningListener> listeners, ObjectProvider<Clock> clock) {
		PinningPolicy applied = properties.isEnabled() ? pinningPolicy : PinningPolicy.empty();
		return new SslBundlePinning(applied, PinningListener.of(listeners.orderedStream().toList()),
				clock.getIfAvailable(Clock::systemUTC));
	}

}
