package io.github.pinning.autoconfigure.endpoint;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@code pinning} Actuator endpoint.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean({ PinningPolicy.class, PinningHistory.class })
@ConditionalOnAvailableEndpoint(PinningEndpoint.class)
public final class PinningEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PinningEndpoint pinningEndpoint(LivePinningPolicy pinningLivePolicy, PinningHistory pinningHistory) {
		return new PinningEndpoint(pinningLivePolicy, pinningHistory);
	}

}
