package io.github.pinning.autoconfigure.refresh;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.live.PinningReloader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} that applies Spring Cloud refreshes of
 * {@code pinning.*} while running, when {@code spring-cloud-context} is on the class path.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnClass(EnvironmentChangeEvent.class)
@ConditionalOnBean(LivePinningPolicy.class)
public final class PinningRefreshAutoConfiguration {

	@Bean
	PinningRefreshListener pinningRefreshListener(ObjectProvider<PinningReloader> pinningReloader) {
		return new PinningRefreshListener(pinningReloader.getIfAvailable());
	}

}
