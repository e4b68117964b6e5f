package io.github.pinning.autoconfigure.live;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.autoconfigure.config.PinningPolicyMapper;
import io.github.pinning.autoconfigure.config.PinningProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * What reads {@code pinning.*} again while running: the reloader, and the watcher of
 * {@code certificates} files. Imported only where the policy comes from the properties.
 */
@Configuration(proxyBeanMethods = false)
public final class PinningLiveChangeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PinningReloader pinningReloader(ConfigurableEnvironment environment, ResourceLoader resourceLoader,
			LivePinningPolicy pinningLivePolicy, PinningProperties properties, ObjectProvider<Clock> clock,
			ObjectProvider<PinningReloader.ReloadListener> listeners) {
		return new PinningReloader(environment, resourceLoader, pinningLivePolicy, properties.isEnabled(),
				clock.getIfAvailable(Clock::systemUTC), listeners.orderedStream().toList());
	}

	@Bean
	CertificateFileWatcher pinningCertificateFileWatcher(PinningProperties properties, ResourceLoader resourceLoader,
			PinningReloader pinningReloader, ObjectProvider<Clock> clock) {
		List<Path> files = properties.isEnabled() ? new PinningPolicyMapper(resourceLoader).watchedFiles(properties)
				: List.of();
		return new CertificateFileWatcher(files, properties.getWatch().getFile().getQuietPeriod(), pinningReloader,
				clock.getIfAvailable(Clock::systemUTC));
	}

}
