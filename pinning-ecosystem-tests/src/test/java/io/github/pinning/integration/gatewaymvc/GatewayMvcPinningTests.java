package io.github.pinning.integration.gatewaymvc;

import io.github.pinning.integration.GatewayRoutes;
import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Spring Cloud Gateway (Web MVC) with two routes, to the genuine server and to an impostor
 * whose certificate comes from a CA the JVM trusts, configured as the Gateway's reference shows
 * ({@code spring.cloud.gateway.server.webmvc.routes}); by default and with
 * {@code pinning.jvm-default}. Its proxy exchange sends requests through a {@code RestClient}
 * made from Spring Boot's {@code RestClient.Builder}.
 */
class GatewayMvcPinningTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	@ParameterizedTest(name = "jvm-default={0}")
	@ValueSource(booleans = { false, true })
	void theGenuineRouteAnswersAndTheImpostorsIsRefusedByPinning(boolean jvmDefault) throws Exception {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.SERVLET)
			.properties(Backends.WITHOUT_DATA_CLIENTS, "server.port=0", "pinning.jvm-default=" + jvmDefault)
			.properties(backends.pinSet("backends"))
			.properties(GatewayRoutes.toBothServers("spring.cloud.gateway.server.webmvc.routes", backends));
		try (ConfigurableApplicationContext gateway = builder.run()) {
			GatewayRoutes.assertTheGenuineAnswersAndTheImpostorIsRefused(gateway, backends);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
