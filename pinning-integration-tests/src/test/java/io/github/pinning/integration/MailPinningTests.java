package io.github.pinning.integration;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.pinning.test.Backends;
import io.github.pinning.test.Failures;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TrustFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Spring Boot's mail sender over implicit TLS ({@code spring.mail.ssl.enabled=true}), with the
 * JVM's trust store and with an SSL bundle ({@code spring.mail.ssl.bundle}), by default and
 * with {@code pinning.jvm-default}. The JVM and the bundle trust both roots, so only pinning
 * refuses the impostor; and after the refusal Jakarta Mail must not retry with the JVM's
 * default socket factory (its fallback), which would reach the impostor.
 */
class MailPinningTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	private static SmtpsServer genuine;

	private static SmtpsServer impostor;

	private static Path bundleTrust;

	@BeforeAll
	static void start() throws Exception {
		TestPki pki = backends.pki();
		genuine = SmtpsServer.start(pki.genuineServer());
		impostor = SmtpsServer.start(pki.rogueServer());
		bundleTrust = TrustFiles.pem(Files.createTempDirectory("mail").resolve("trust.pem"), pki.root(),
				pki.rogueRoot());
	}

	@AfterAll
	static void stop() throws Exception {
		genuine.close();
		impostor.close();
	}

	@ParameterizedTest(name = "bundle={0}, jvm-default={1}")
	@CsvSource({ "false, false", "false, true", "true, false", "true, true" })
	void theGenuineServerIsReachedAndTheImpostorRefusedWithoutFallback(boolean bundle, boolean jvmDefault)
			throws Exception {
		assertThat(testConnection(genuine, bundle, jvmDefault)).isNull();
		int before = impostor.sessions();
		Throwable failure = testConnection(impostor, bundle, jvmDefault);
		assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
		assertThat(impostor.sessions()).as("no session with the impostor, by fallback or otherwise").isEqualTo(before);
	}

	private static Throwable testConnection(SmtpsServer server, boolean bundle, boolean jvmDefault) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(Backends.WITHOUT_DATA_CLIENTS, "spring.mail.host=localhost", "spring.mail.port=" + server.port(),
					"spring.mail.ssl.enabled=true", "spring.mail.test-connection=false", "pinning.jvm-default=" + jvmDefault)
			.properties(backends.pinSet("mail"));
		if (bundle) {
			builder.properties("spring.ssl.bundle.pem.mail.truststore.certificate=" + bundleTrust.toUri(),
					"spring.mail.ssl.bundle=mail");
		}
		try (ConfigurableApplicationContext application = builder.run()) {
			return catchThrowable(() -> application.getBean(JavaMailSenderImpl.class).testConnection());
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
