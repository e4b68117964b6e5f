package io.github.pinning.autoconfigure.integration;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.integration.http.outbound.HttpRequestExecutingMessageHandler;

/**
 * {@link AutoConfiguration Auto-configuration} that pins Spring Integration's HTTP outbound
 * gateways and channel adapters ({@link OutboundGatewayPostProcessor}).
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnClass(HttpRequestExecutingMessageHandler.class)
public final class PinningIntegrationHttpAutoConfiguration {

	@Bean
	static OutboundGatewayPostProcessor pinningIntegrationOutboundGatewayPostProcessor(
			ObjectProvider<SslBundlePinning> pinning, ResourceLoader resourceLoader) {
		return new OutboundGatewayPostProcessor(pinning, resourceLoader.getClassLoader());
	}

}
