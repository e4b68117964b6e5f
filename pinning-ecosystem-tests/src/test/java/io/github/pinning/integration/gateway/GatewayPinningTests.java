package io.github.pinning.integration.gateway;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.pinning.integration.GatewayRoutes;
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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

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
			.properties(GatewayRoutes.toBothServers("spring.cloud.gateway.server.webflux.routes", backends));
		if (trust.equals("trusted-x509-certificates")) {
			builder.properties(HTTPCLIENT + "ssl.trusted-x509-certificates[0]=" + trustedCertificates.toUri());
		}
		else if (trust.equals("ssl-bundle")) {
			builder.properties("spring.ssl.bundle.pem.backends.truststore.certificate=" + trustedCertificates.toUri(),
					HTTPCLIENT + "ssl.ssl-bundle=backends");
		}
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
