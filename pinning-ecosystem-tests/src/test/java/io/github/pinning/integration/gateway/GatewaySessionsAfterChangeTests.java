package io.github.pinning.integration.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TlsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Gateway route to an impostor whose sessions can be resumed, while its pin set is rolled out
 * from report-only to enforce by a refresh: the route client makes its own SSL context, whose
 * session cache no change reaches, so without a check of each completed handshake the next
 * request resumed the session judged in report-only and the impostor answered under enforce.
 */
class GatewaySessionsAfterChangeTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	@Test
	void aSessionJudgedInReportOnlyIsNotResumedOnceTheSetIsEnforced() throws Exception {
		Map<String, Object> dynamic = new HashMap<>(Map.of("pinning.pin-sets.backends.mode", "report-only"));
		try (TlsServer impostor = TlsServer.resumable(backends.pki().rogueServer(), "impostor", "TLSv1.3");
				ConfigurableApplicationContext gateway = new SpringApplicationBuilder(Application.class)
					.web(WebApplicationType.REACTIVE)
					.properties(Backends.WITHOUT_DATA_CLIENTS, "server.port=0",
							"spring.cloud.gateway.server.webflux.routes[0].id=impostor",
							"spring.cloud.gateway.server.webflux.routes[0].uri=https://localhost:" + impostor.port(),
							"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/impostor/**",
							"spring.cloud.gateway.server.webflux.routes[0].filters[0]=StripPrefix=1")
					.properties(backends.pinSet("backends"))
					.initializers((context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("dynamic", dynamic)))
					.run()) {
			assertThat(get(gateway).body()).as("report-only lets it through").isEqualTo("impostor");
			dynamic.put("pinning.pin-sets.backends.mode", "enforce");
			gateway.publishEvent(new EnvironmentChangeEvent(gateway, Set.of("pinning.pin-sets.backends.mode")));
			HttpResponse<String> enforced = get(gateway);
			assertThat(enforced.body()).as("the impostor's answer under enforce").isNotEqualTo("impostor");
			assertThat(enforced.statusCode()).isGreaterThanOrEqualTo(500);
			assertThat(gateway.getBean(RecordingListener.class).violations())
				.extracting((violation) -> violation.mode().value())
				.containsExactly("report-only", "enforce");
		}
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext gateway) throws Exception {
		int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/impostor/")).build(),
					BodyHandlers.ofString());
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
