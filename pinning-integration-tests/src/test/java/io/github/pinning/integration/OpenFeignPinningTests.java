package io.github.pinning.integration;

import feign.Client;
import feign.hc5.ApacheHttp5Client;
import feign.http2client.Http2Client;
import io.github.pinning.test.Backends;
import io.github.pinning.test.Failures;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Spring Cloud OpenFeign clients declared as its reference shows ({@code @FeignClient} with a
 * URL, {@code @EnableFeignClients}), through each client it can use: Apache HttpClient 5 (the
 * default with {@code feign-hc5} on the class path), {@code http2client}, and Feign's default
 * client; by default and with {@code pinning.jvm-default}. The JVM trusts both roots, so only
 * pinning refuses the impostor.
 */
class OpenFeignPinningTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	@ParameterizedTest(name = "{0}, jvm-default={1}")
	@CsvSource({ "hc5, false", "hc5, true", "http2client, false", "http2client, true", "default, false",
			"default, true" })
	void theGenuineServerAnswersAndTheImpostorIsRefused(String client, boolean jvmDefault) {
		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties(Backends.WITHOUT_DATA_CLIENTS, "genuine.url=" + Backends.url(backends.genuine()),
					"impostor.url=" + Backends.url(backends.impostor()), "pinning.jvm-default=" + jvmDefault,
					"spring.cloud.openfeign.httpclient.hc5.enabled=" + client.equals("hc5"),
					"spring.cloud.openfeign.http2client.enabled=" + client.equals("http2client"))
			.properties(backends.pinSet("backend"))
			.run()) {
			assertThat(application.getBean(Client.class)).isInstanceOf(switch (client) {
				case "hc5" -> ApacheHttp5Client.class;
				case "http2client" -> Http2Client.class;
				default -> Client.Default.class;
			});
			assertThat(application.getBean(GenuineBackend.class).get()).isEqualTo("genuine");
			Throwable failure = catchThrowable(() -> application.getBean(ImpostorBackend.class).get());
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
		}
	}

	@FeignClient(name = "genuine", url = "${genuine.url}")
	interface GenuineBackend {

		@GetMapping("/")
		String get();

	}

	@FeignClient(name = "impostor", url = "${impostor.url}")
	interface ImpostorBackend {

		@GetMapping("/")
		String get();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableFeignClients(clients = { GenuineBackend.class, ImpostorBackend.class })
	static class Application {

	}

}
