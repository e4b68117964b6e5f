package io.github.pinning.autoconfigure.health;

import java.time.Clock;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.config.PinningProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@code pinning} health contributor;
 * {@code management.health.pinning.enabled=false} switches it off.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(Health.class)
@ConditionalOnBean({ PinningPolicy.class, PinningHistory.class })
@ConditionalOnEnabledHealthIndicator("pinning")
public final class PinningHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "pinningHealthIndicator")
	PinningHealthIndicator pinningHealthIndicator(LivePinningPolicy pinningLivePolicy, PinningHistory pinningHistory,
			PinningProperties properties, ObjectProvider<Clock> clock) {
		return new PinningHealthIndicator(pinningLivePolicy, pinningHistory, clock.getIfAvailable(Clock::systemUTC),
				properties.getHealth().getViolationWindow(), properties.getHealth().getExpiryWarning(),
				properties.getHealth().isDownOnViolation());
	}

}
