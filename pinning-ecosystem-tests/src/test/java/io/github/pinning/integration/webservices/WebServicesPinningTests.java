package io.github.pinning.integration.webservices;

import java.io.IOException;
import java.util.Map;

import io.github.pinning.PinningViolation;
import io.github.pinning.integration.FixedAnswerServer;
import io.github.pinning.test.Backends;
import io.github.pinning.test.Failures;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.ServerCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webservices.client.WebServiceTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.ws.client.core.WebServiceTemplate;
import org.springframework.xml.transform.StringResult;
import org.springframework.xml.transform.StringSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Spring Web Services' {@code WebServiceTemplate} sending a SOAP request to the genuine server
 * and to an impostor whose certificate comes from a CA the JVM trusts: built from Spring Boot's
 * {@code WebServiceTemplateBuilder} (pinned through its request factory builder), and made with
 * {@code new WebServiceTemplate()} as Spring Web Services' reference shows (named by the
 * start-up warning, pinned with {@code pinning.jvm-default}).
 */
@ExtendWith(OutputCaptureExtension.class)
class WebServicesPinningTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	private static FixedAnswerServer genuine;

	private static FixedAnswerServer impostor;

	@BeforeAll
	static void startServers() throws IOException {
		genuine = soapServer(backends.pki().genuineServer(), "genuine");
		impostor = soapServer(backends.pki().rogueServer(), "impostor");
	}

	@AfterAll
	static void stopServers() {
		genuine.close();
		impostor.close();
	}

	@Test
	void aTemplateFromSpringBootsBuilderReachesTheGenuineServerAndIsRefusedTheImpostor() {
		try (ConfigurableApplicationContext application = start(false)) {
			WebServiceTemplate template = application.getBean(WebServiceTemplateBuilder.class).build();
			assertThat(ask(template, genuine)).contains(">genuine<");
			assertRefusedByPinning(application, template);
		}
	}

	@Test
	void aTemplateMadeByHandIsNamedByTheWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext application = start(false)) {
			assertThat(ask(new WebServiceTemplate(), genuine)).contains(">genuine<");
			assertThat(output).contains("Spring Web Services: a WebServiceTemplate from Spring Boot's"
					+ " WebServiceTemplateBuilder is pinned; one made with new WebServiceTemplate()");
		}
	}

	@Test
	void aTemplateMadeByHandIsPinnedWithTheJvmDefault(CapturedOutput output) {
		try (ConfigurableApplicationContext application = start(true)) {
			assertRefusedByPinning(application, new WebServiceTemplate());
			assertThat(output).doesNotContain("Spring Web Services:");
		}
	}

	private static void assertRefusedByPinning(ConfigurableApplicationContext application,
			WebServiceTemplate template) {
		Throwable failure = catchThrowable(() -> ask(template, impostor));
		assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
		assertThat(application.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
			.containsOnly(impostor.port());
	}

	private static String ask(WebServiceTemplate template, FixedAnswerServer server) {
		StringResult result = new StringResult();
		template.sendSourceAndReceiveToResult(server.url("/backend"),
				new StringSource("<question xmlns=\"urn:backend\"/>"), result);
		return result.toString();
	}

	/** A SOAP 1.1 endpoint over TLS that answers every request with the same answer. */
	private static FixedAnswerServer soapServer(ServerCertificates certificates, String answer) throws IOException {
		return FixedAnswerServer.start(certificates, "text/xml; charset=utf-8", Map.of("/backend",
				"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
						+ "<soapenv:Body><answer xmlns=\"urn:backend\">" + answer + "</answer></soapenv:Body>"
						+ "</soapenv:Envelope>"));
	}

	private static ConfigurableApplicationContext start(boolean jvmDefault) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(Backends.WITHOUT_DATA_CLIENTS, "logging.level.io.github.pinning.autoconfigure.log=info",
					"pinning.jvm-default=" + jvmDefault)
			.properties(backends.pinSet("backends"))
			.run();
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
