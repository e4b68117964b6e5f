package io.github.pinning.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.TrustFiles;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.config.server.EnableConfigServer;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A fleet's pins changed in its configuration server: a real Spring Cloud Config Server
 * ({@code native} profile on a temporary folder) serves a client application that imports its
 * configuration. A change in the folder and a refresh of the client ({@code POST
 * /actuator/refresh}) apply the new pins without a restart, as real handshakes show; an
 * invalid change is rejected and the pins in force stay.
 */
class ConfigServerRefreshTests {

	private static final String EXCLUDED = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
			+ "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
			+ "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration";

	private final TestPki pki = TestPki.localhost();

	@Test
	void newPinsApplyOnRefreshAndAnInvalidChangeIsRejected(@TempDir Path directory) throws Exception {
		Path repository = Files.createDirectories(directory.resolve("config"));
		Path trust = TrustFiles.pem(directory.resolve("trust.pem"), this.pki.root(), this.pki.rogueRoot());
		Path clientConfig = repository.resolve("pinned-client.yml");
		write(clientConfig, this.pki.intermediate(), this.pki.root());
		try (TlsServer genuine = TlsServer.start(this.pki.genuineServer(), "genuine");
				TlsServer impostor = TlsServer.start(this.pki.rogueServer(), "impostor");
				ConfigurableApplicationContext server = new SpringApplicationBuilder(ConfigServer.class)
					.properties("server.port=0", "spring.profiles.active=native", "spring.cloud.config.enabled=false",
							"spring.application.name=config-server", EXCLUDED,
							"spring.cloud.config.server.native.search-locations=" + repository.toUri())
					.run();
				ConfigurableApplicationContext client = new SpringApplicationBuilder(Client.class)
					.properties("server.port=0", "spring.application.name=pinned-client", EXCLUDED,
							// The config server on the class path switches the client off unless it is asked for.
							"spring.cloud.config.enabled=true",
							"spring.config.import=configserver:http://localhost:" + port(server),
							"spring.ssl.bundle.pem.backends.truststore.certificate=" + trust.toUri(),
							"management.endpoints.web.exposure.include=refresh,pinning")
					.run()) {
			SSLContext backends = client.getBean(SslBundles.class).getBundle("backends").createSslContext();
			assertAccepted(backends, genuine);
			assertRefused(backends, impostor);

			write(clientConfig, this.pki.rogueLeaf(), this.pki.rogueRoot());
			assertThat(refresh(client)).contains("pinning.pin-sets.backends.pins[0]");
			assertAccepted(backends, impostor);
			assertRefused(backends, genuine);
			assertThat(reloads(client, "applied")).isEqualTo(1);
			assertThat(get(client, "/actuator/pinning")).contains("\"source\":\"a refresh of [pinning.pin-sets.backends");

			Files.writeString(clientConfig, """
					pinning:
					  pin-sets:
					    backends:
					      hosts: [localhost]
					      pins: [sha1/BOEPZ0vRkXWO0PxC1F4rP8SOV5A=, sha256/YLh1dUR9y6Kja30RrAn7JKnbQG/uEtLMkBgFF2Fuihg=]
					""");
			refresh(client);
			assertThat(reloads(client, "rejected")).isEqualTo(1);
			assertAccepted(backends, impostor);
			assertRefused(backends, genuine);
		}
	}

	private static void write(Path file, okhttp3.tls.HeldCertificate... pinned) throws Exception {
		Files.writeString(file, """
				pinning:
				  pin-sets:
				    backends:
				      hosts: [localhost]
				      pins: [%s, %s]
				""".formatted(TestPki.pin(pinned[0]), TestPki.pin(pinned[1])));
	}

	private static String refresh(ConfigurableApplicationContext client) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(client) + "/actuator/refresh"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String get(ConfigurableApplicationContext client, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(client) + path)).build(),
					BodyHandlers.ofString())
			.body();
	}

	private static double reloads(ConfigurableApplicationContext client, String outcome) {
		return client.getBean(MeterRegistry.class).get("pinning.reloads").tag("outcome", outcome).counter().count();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static void assertAccepted(SSLContext client, TlsServer server) throws Exception {
		Handshakes.connect(Transport.SOCKET, client, "localhost", server.port(), "TLSv1.3");
	}

	private static void assertRefused(SSLContext client, TlsServer server) {
		Throwable failure = catchThrowable(
				() -> Handshakes.connect(Transport.SOCKET, client, "localhost", server.port(), "TLSv1.3"));
		assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableConfigServer
	static class ConfigServer {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Client {

	}

}
