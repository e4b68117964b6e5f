package io.github.pinning.integration.springintegration;

import io.github.pinning.PinningViolation;
import io.github.pinning.test.Backends;
import io.github.pinning.test.Failures;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TlsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.http.dsl.Http;
import org.springframework.integration.http.dsl.HttpMessageHandlerSpec;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Spring Integration's HTTP outbound gateway in a flow, written as its reference shows
 * ({@code IntegrationFlow.from(Gateway.class).handle(Http.outboundGateway(url)...)}), calling
 * the genuine server and an impostor whose certificate comes from a CA the JVM trusts: with
 * the template the gateway makes for itself, with one from Spring Boot's
 * {@code RestTemplateBuilder}, and with one that has a request factory of its own (named by
 * the start-up warning, pinned with {@code pinning.jvm-default}).
 */
@ExtendWith(OutputCaptureExtension.class)
class IntegrationHttpPinningTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "own", "builder" })
	void theGenuineServerAnswersAndTheImpostorIsRefusedByPinning(String client, CapturedOutput output) {
		try (ConfigurableApplicationContext application = start(client, false, backends.genuine())) {
			assertThat(application.getBean(Backend.class).call("question")).isEqualTo("genuine");
			if (client.equals("own")) {
				assertThat(output).contains("Spring Integration HTTP outbound handler 'backendFlow.http:outbound-gateway");
			}
		}
		try (ConfigurableApplicationContext application = start(client, false, backends.impostor())) {
			Throwable failure = catchThrowable(() -> application.getBean(Backend.class).call("question"));
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
			assertThat(application.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
				.containsOnly(backends.impostor().port());
		}
	}

	@Test
	void aTemplateWithARequestFactoryOfItsOwnIsNamedByTheWarningAndReachesTheImpostor(CapturedOutput output) {
		try (ConfigurableApplicationContext application = start("own-factory", false, backends.impostor())) {
			assertThat(application.getBean(Backend.class).call("question")).isEqualTo("impostor");
			assertThat(output).contains("Spring Integration HTTP outbound handler 'backendFlow.http:outbound-gateway")
				.contains("has a client with a request factory of its own");
		}
	}

	@Test
	void aTemplateWithARequestFactoryOfItsOwnIsPinnedWithTheJvmDefault() {
		try (ConfigurableApplicationContext application = start("own-factory", true, backends.impostor())) {
			Throwable failure = catchThrowable(() -> application.getBean(Backend.class).call("question"));
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
		}
	}

	private static ConfigurableApplicationContext start(String client, boolean jvmDefault, TlsServer server) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(Backends.WITHOUT_DATA_CLIENTS, "logging.level.io.github.pinning.autoconfigure.log=info",
					"pinning.jvm-default=" + jvmDefault, "backend.client=" + client,
					"backend.url=" + Backends.url(server))
			.properties(backends.pinSet("backends"))
			.run();
	}

	/** The flow's entry: a messaging gateway that Spring Integration implements. */
	interface Backend {

		String call(String question);

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		IntegrationFlow backendFlow(Environment environment, RestTemplateBuilder builder) {
			String url = environment.getRequiredProperty("backend.url");
			HttpMessageHandlerSpec gateway = switch (environment.getRequiredProperty("backend.client")) {
				case "builder" -> Http.outboundGateway(url, builder.build());
				case "own-factory" -> Http.outboundGateway(url, new RestTemplate(new JdkClientHttpRequestFactory()));
				default -> Http.outboundGateway(url);
			};
			return IntegrationFlow.from(Backend.class)
				.handle(gateway.httpMethod(HttpMethod.GET).expectedResponseType(String.class))
				.get();
		}

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
