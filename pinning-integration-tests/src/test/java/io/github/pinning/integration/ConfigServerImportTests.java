package io.github.pinning.integration;


import io.github.pinning.PinningViolation;
import io.github.pinning.test.Backends;
import io.github.pinning.test.Failures;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.TrustFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The request that imports configuration from a Config Server is pinned by the local
 * configuration, as Spring Cloud's reference sets the import up
 * ({@code spring.config.import=configserver:https://...}), with the JVM's trust store and with
 * {@code spring.cloud.config.tls.*}. An impostor Config Server, whose certificate comes from a
 * CA the client trusts, is refused: what it serves (here {@code pinning.enabled=false}) never
 * reaches the environment, and the violation reaches the application's listeners.
 */
class ConfigServerImportTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	private static TlsServer genuine;

	private static TlsServer impostor;

	@BeforeAll
	static void start() throws Exception {
		genuine = TlsServer.json(backends.pki().genuineServer(), environment("genuine", "demo.source", "genuine"));
		impostor = TlsServer.json(backends.pki().rogueServer(), environment("impostor", "pinning.enabled", "false"));
	}

	@AfterAll
	static void stop() throws Exception {
		genuine.close();
		impostor.close();
	}

	@Test
	void theGenuineConfigServerIsImported() {
		try (ConfigurableApplicationContext client = client("configserver:", genuine).run()) {
			assertThat(client.getEnvironment().getProperty("demo.source")).isEqualTo("genuine");
			assertThat(client.getBean(RecordingListener.class).checks()).containsExactly("config:match:localhost");
		}
	}

	@Test
	void anImpostorConfigServerIsRefusedAndItsPropertiesNeverArrive() {
		try (ConfigurableApplicationContext client = client("optional:configserver:", impostor).run()) {
			assertThat(client.getEnvironment().getProperty("pinning.enabled")).isNull();
			// The client tries more than once; every try was refused.
			assertThat(client.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
				.isNotEmpty()
				.containsOnly(impostor.port());
		}
	}

	@Test
	void anImpostorConfigServerFailsAStartUpThatRequiresTheImport() {
		Throwable failure = catchThrowable(
				() -> client("configserver:", impostor).properties("spring.cloud.config.fail-fast=true").run());
		assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
	}

	@Test
	void theTrustStoreOfTheConfigClientsTlsSettingsIsPinnedToo() {
		String tls = "spring.cloud.config.tls.";
		try (ConfigurableApplicationContext client = client("optional:configserver:", impostor)
			.properties(tls + "enabled=true", tls + "trust-store=file:" + backends.jvmTrustStore(),
					tls + "trust-store-type=PKCS12", tls + "trust-store-password=" + TrustFiles.PASSWORD)
			.run()) {
			assertThat(client.getEnvironment().getProperty("pinning.enabled")).isNull();
			assertThat(client.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
				.isNotEmpty()
				.containsOnly(impostor.port());
		}
		try (ConfigurableApplicationContext client = client("configserver:", genuine)
			.properties(tls + "enabled=true", tls + "trust-store=file:" + backends.jvmTrustStore(),
					tls + "trust-store-type=PKCS12", tls + "trust-store-password=" + TrustFiles.PASSWORD)
			.run()) {
			assertThat(client.getEnvironment().getProperty("demo.source")).isEqualTo("genuine");
		}
	}

	private static SpringApplicationBuilder client(String importPrefix, TlsServer server) {
		return new SpringApplicationBuilder(Client.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=pinned-client", Backends.WITHOUT_DATA_CLIENTS,
					"spring.cloud.config.enabled=true",
					"spring.config.import=" + importPrefix + "https://localhost:" + server.port())
			.properties(backends.pinSet("config"));
	}

	private static String environment(String name, String key, String value) {
		return """
				{"name":"pinned-client","profiles":["default"],"label":null,"version":null,"state":null,
				 "propertySources":[{"name":"%s","source":{"%s":"%s"}}]}
				""".formatted(name, key, value);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Client {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
