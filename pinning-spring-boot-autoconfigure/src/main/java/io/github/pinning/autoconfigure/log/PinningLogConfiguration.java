package io.github.pinning.autoconfigure.log;

import java.time.Clock;
import java.util.Set;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.autoconfigure.config.PinningProperties;
import io.github.pinning.autoconfigure.live.PinningReloader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The start-up, coverage, violation and lockout forecast logs, imported by the main
 * auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
public final class PinningLogConfiguration {

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

	@Bean
	PinningCoverageLog pinningCoverageLog(LivePinningPolicy pinningLivePolicy, ObjectProvider<PinningCoverage> coverage) {
		return new PinningCoverageLog(pinningLivePolicy, coverage);
	}

	@Bean
	LockoutForecastLog pinningLockoutForecastLog(PinningProperties properties, ObjectProvider<Clock> clock) {
		return new LockoutForecastLog(clock.getIfAvailable(Clock::systemUTC), properties.getHealth().getExpiryWarning());
	}

}
