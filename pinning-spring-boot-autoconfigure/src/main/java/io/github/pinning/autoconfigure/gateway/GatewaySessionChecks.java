package io.github.pinning.autoconfigure.gateway;

import io.github.pinning.autoconfigure.http.ReactorSessionChecks;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Has the Gateway's route client check each session when its handshake completes
 * ({@link ReactorSessionChecks}): it makes its own SSL context, whose session cache no change of
 * pins reaches, so a session judged under the old pins would otherwise be resumed under the
 * new. Imported by {@link PinningGatewayAutoConfiguration}, and so only with the Gateway.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySessionChecks {

	@Bean
	HttpClientCustomizer pinningGatewaySessionChecks() {
		return ReactorSessionChecks::checking;
	}

}
