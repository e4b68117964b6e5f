package io.github.pinning.autoconfigure.metrics;

import java.time.Clock;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.config.PinningProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the pinning meters: {@code pinning.checks},
 * {@code pinning.matches}, {@code pinning.violations}, {@code pinning.expiry},
 * {@code pinning.lockout.forecast}, {@code pinning.reports} and {@code pinning.reloads}.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, PinningPolicy.class, PinningHistory.class })
public final class PinningMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PinningMetrics pinningMetrics(MeterRegistry meterRegistry, LivePinningPolicy pinningLivePolicy,
			PinningHistory pinningHistory, PinningProperties properties, ObjectProvider<Clock> clock) {
		return new PinningMetrics(meterRegistry, pinningLivePolicy, pinningHistory,
				properties.getHealth().getViolationWindow(), clock.getIfAvailable(Clock::systemUTC));
	}

}
