package io.github.pinning.autoconfigure.event;

import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} that publishes a {@link PinningViolationEvent}
 * for every violation.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnBean(PinningPolicy.class)
public final class PinningEventAutoConfiguration {

	@Bean
	PinningEventPublisher pinningEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
		return new PinningEventPublisher(applicationEventPublisher);
	}

}
