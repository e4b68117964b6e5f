package io.github.pinning.integration.gatewaymvc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import io.github.pinning.PinningViolation;
import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

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
			.properties(route(0, "genuine", backends.genuine().port()))
			.properties(route(1, "impostor", backends.impostor().port()));
		try (ConfigurableApplicationContext gateway = builder.run()) {
			HttpResponse<String> genuine = get(gateway, "/genuine/");
			assertThat(genuine.statusCode()).isEqualTo(200);
			assertThat(genuine.body()).isEqualTo("genuine");
			HttpResponse<String> impostor = get(gateway, "/impostor/");
			assertThat(impostor.body()).as("the impostor's answer must not come through").isNotEqualTo("impostor");
			assertThat(impostor.statusCode()).isGreaterThanOrEqualTo(500);
			assertThat(gateway.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
				.isNotEmpty()
				.containsOnly(backends.impostor().port());
		}
	}

	private static String[] route(int index, String name, int port) {
		String route = "spring.cloud.gateway.server.webmvc.routes[" + index + "].";
		return new String[] { route + "id=" + name, route + "uri=https://localhost:" + port,
				route + "predicates[0]=Path=/" + name + "/**", route + "filters[0]=StripPrefix=1" };
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext gateway, String path) throws Exception {
		int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), BodyHandlers.ofString());
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
