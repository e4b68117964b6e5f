package io.github.pinning.integration.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.pinning.PinningViolation;
import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TrustFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Gateway (WebFlux) with two routes, to the genuine server and to an impostor
 * whose certificate comes from a CA the route client trusts, configured as the Gateway's
 * reference shows, with each trust it offers: the JVM's, {@code httpclient.ssl.trusted-x509-certificates},
 * and {@code httpclient.ssl.ssl-bundle}; by default and with {@code pinning.jvm-default}.
 */
class GatewayPinningTests {

	private static final String HTTPCLIENT = "spring.cloud.gateway.server.webflux.httpclient.";

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	private static Path trustedCertificates;

	@BeforeAll
	static void writeTrust() throws Exception {
		trustedCertificates = TrustFiles.pem(Files.createTempDirectory("gateway").resolve("trusted.pem"),
				backends.pki().root(), backends.pki().rogueRoot());
	}

	@ParameterizedTest(name = "trust={0}, jvm-default={1}")
	@CsvSource({ "jvm, false", "jvm, true", "trusted-x509-certificates, false", "ssl-bundle, false" })
	void theGenuineRouteAnswersAndTheImpostorsIsRefusedByPinning(String trust, boolean jvmDefault) throws Exception {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.REACTIVE)
			.properties(Backends.WITHOUT_DATA_CLIENTS, "server.port=0", "pinning.jvm-default=" + jvmDefault)
			.properties(backends.pinSet("backends"))
			.properties(route(0, "genuine", backends.genuine().port()))
			.properties(route(1, "impostor", backends.impostor().port()));
		if (trust.equals("trusted-x509-certificates")) {
			builder.properties(HTTPCLIENT + "ssl.trusted-x509-certificates[0]=" + trustedCertificates.toUri());
		}
		else if (trust.equals("ssl-bundle")) {
			builder.properties("spring.ssl.bundle.pem.backends.truststore.certificate=" + trustedCertificates.toUri(),
					HTTPCLIENT + "ssl.ssl-bundle=backends");
		}
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
		String route = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
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
