package io.github.pinning.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.config.PinningPolicyMapper;
import io.github.pinning.autoconfigure.config.PinningProperties;
import io.github.pinning.autoconfigure.live.CertificateFileWatcher;
import io.github.pinning.autoconfigure.live.PinningReloader;
import io.github.pinning.autoconfigure.log.LockoutForecastLog;
import io.github.pinning.autoconfigure.log.PinningCoverageLog;
import io.github.pinning.autoconfigure.log.PinningLog;
import io.github.pinning.autoconfigure.log.PinningViolationLog;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import io.github.pinning.autoconfigure.ssl.SslBundlesPostProcessor;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link AutoConfiguration Auto-configuration} of the pinning policy from {@code pinning.*},
 * and of the pinning of SSL bundles that the client auto-configurations apply.
 * {@code pinning.enabled} is read when the beans are created rather than by a condition, so
 * that it can still switch pinning off at run time under Spring AOT and in native images: when
 * it is {@code false} the policy is empty and nothing is pinned. Otherwise clients are pinned
 * even without pin sets, so that sets added while running reach them.
 */
@AutoConfiguration
@EnableConfigurationProperties(PinningProperties.class)
public final class PinningAutoConfiguration {

	/**
	 * The policy in force: the {@link PinningPolicy} bean at start-up (the application's own,
	 * or the properties' below), replaced as a whole by a refresh or a watched file when it
	 * comes from the properties.
	 */
	@Bean
	@ConditionalOnMissingBean
	LivePinningPolicy pinningLivePolicy(PinningPolicy pinningPolicy, PinningProperties properties) {
		return LivePinningPolicy.of(properties.isEnabled() ? pinningPolicy : PinningPolicy.empty());
	}

	@Bean
	@ConditionalOnMissingBean
	PinningHistory pinningHistory(ObjectProvider<Clock> clock) {
		return new PinningHistory(PinningHistory.DEFAULT_CAPACITY, clock.getIfAvailable(Clock::systemUTC));
	}

	/**
	 * Logs the pin sets in force at start-up. Without a reloader the policy is the
	 * application's own, and the pin sets of the properties are unused.
	 */
	@Bean
	PinningLog pinningLog(LivePinningPolicy pinningLivePolicy, PinningProperties properties,
			ObjectProvider<PinningReloader> pinningReloader, ObjectProvider<Clock> clock) {
		Set<String> unused = (pinningReloader.getIfAvailable() == null) ? properties.getPinSets().keySet() : Set.of();
		return new PinningLog(properties.isEnabled(), pinningLivePolicy, unused, clock.getIfAvailable(Clock::systemUTC),
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
	PinningCoverageLog pinningCoverageLog(LivePinningPolicy pinningLivePolicy, ListableBeanFactory beanFactory) {
		return new PinningCoverageLog(pinningLivePolicy, beanFactory);
	}

	@Bean
	LockoutForecastLog pinningLockoutForecastLog(PinningProperties properties, ObjectProvider<Clock> clock) {
		return new LockoutForecastLog(clock.getIfAvailable(Clock::systemUTC), properties.getHealth().getExpiryWarning());
	}

	@Bean
	@ConditionalOnMissingBean
	SslBundlePinning sslBundlePinning(LivePinningPolicy pinningLivePolicy, PinningProperties properties,
			ObjectProvider<PinningListener> listeners, ObjectProvider<Clock> clock) {
		PinningListener listener = PinningListener.of(listeners.orderedStream().toList());
		Clock clockOrSystem = clock.getIfAvailable(Clock::systemUTC);
		return properties.isEnabled() ? new SslBundlePinning(pinningLivePolicy, listener, clockOrSystem)
				: new SslBundlePinning(PinningPolicy.empty(), listener, clockOrSystem);
	}

	/**
	 * The policy read from {@code pinning.*}, and what reads it again while running. An
	 * application that defines its own {@link PinningPolicy} bean keeps it: neither a refresh
	 * nor a watched file replaces it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(PinningPolicy.class)
	static class PropertiesPolicyConfiguration {

		@Bean
		PinningPolicy pinningPolicy(PinningProperties properties, ResourceLoader resourceLoader,
				ConfigurableEnvironment environment) {
			return properties.isEnabled() ? new PinningPolicyMapper(resourceLoader).read(properties, environment)
					: PinningPolicy.empty();
		}

		@Bean
		@ConditionalOnMissingBean
		PinningReloader pinningReloader(ConfigurableEnvironment environment, ResourceLoader resourceLoader,
				LivePinningPolicy pinningLivePolicy, PinningProperties properties, ObjectProvider<Clock> clock,
				ObjectProvider<PinningReloader.ReloadListener> listeners) {
			return new PinningReloader(environment, resourceLoader, pinningLivePolicy, properties.isEnabled(),
					clock.getIfAvailable(Clock::systemUTC), listeners.orderedStream().toList());
		}

		@Bean
		CertificateFileWatcher pinningCertificateFileWatcher(PinningProperties properties,
				ResourceLoader resourceLoader, PinningReloader pinningReloader, ObjectProvider<Clock> clock) {
			List<Path> files = properties.isEnabled()
					? new PinningPolicyMapper(resourceLoader).watchedFiles(properties) : List.of();
			return new CertificateFileWatcher(files, properties.getWatch().getFile().getQuietPeriod(),
					pinningReloader, clock.getIfAvailable(Clock::systemUTC));
		}

	}

}
