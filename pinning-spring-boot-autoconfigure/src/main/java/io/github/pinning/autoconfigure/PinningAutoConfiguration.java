package io.github.pinning.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.github.pinning.DeferredPinningListener;
import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.config.PinningPolicyMapper;
import io.github.pinning.autoconfigure.config.PinningProperties;
import io.github.pinning.autoconfigure.live.PinningLiveChangeConfiguration;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.log.PinningLogConfiguration;
import io.github.pinning.autoconfigure.ssl.PinningSslBundleRegistry;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import io.github.pinning.autoconfigure.ssl.SslBundlesPostProcessor;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
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
@Import(PinningLogConfiguration.class)
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
	 * Pins every SSL bundle that clients take from Spring Boot's registry by name.
	 */
	@Bean
	static SslBundlesPostProcessor pinningSslBundlesPostProcessor(ObjectProvider<SslBundlePinning> pinning) {
		return new SslBundlesPostProcessor(pinning);
	}

	/**
	 * Names the SSL bundles that are pinned, for the start-up line that says what applies the
	 * pins.
	 */
	@Bean
	@Order(1)
	PinningCoverage pinningSslBundlesCoverage(ListableBeanFactory beanFactory) {
		return () -> {
			List<String> names = beanFactory.getBeanProvider(SslBundles.class)
				.stream()
				.filter(PinningSslBundleRegistry.class::isInstance)
				.flatMap((bundles) -> bundles.getBundleNames().stream())
				.sorted()
				.toList();
			return names.isEmpty() ? List.of() : List.of("SSL bundles " + names);
		};
	}

	@Bean
	@ConditionalOnMissingBean
	SslBundlePinning sslBundlePinning(LivePinningPolicy pinningLivePolicy, PinningProperties properties,
			ObjectProvider<PinningListener> listeners, ObjectProvider<Clock> clock) {
		List<PinningListener> all = listeners.orderedStream().toList();
		PinningListener listener = PinningListener
			.of(all.stream().filter((candidate) -> !(candidate instanceof DeferredPinningListener)).toList());
		// Outcomes of checks made before the context existed (a Config Server import) reach
		// the context's listeners now.
		all.stream()
			.filter(DeferredPinningListener.class::isInstance)
			.forEach((deferred) -> ((DeferredPinningListener) deferred).attach(listener));
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
	@Import(PinningLiveChangeConfiguration.class)
	static class PropertiesPolicyConfiguration {

		@Bean
		PinningPolicy pinningPolicy(PinningProperties properties, ResourceLoader resourceLoader,
				ConfigurableEnvironment environment) {
			return properties.isEnabled() ? new PinningPolicyMapper(resourceLoader).read(properties, environment)
					: PinningPolicy.empty();
		}

	}

}
