package io.github.pinning.integration.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;

import io.github.pinning.PinningViolation;
import io.github.pinning.integration.FixedAnswerServer;
import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.ServerCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's OAuth2 client, set up as its reference shows: a {@code client_credentials}
 * registration in {@code spring.security.oauth2.client.*} and a controller that takes its
 * authorized client ({@code @RegisteredOAuth2AuthorizedClient}) from the authorized-client
 * manager that Spring Security defines. The token endpoint is the genuine authorization server,
 * or an impostor whose certificate comes from a CA the JVM trusts: without pinning the
 * impostor's token is taken; with it the token request is refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuth2ClientTokenTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	@Test
	void theGenuineAuthorizationServersTokenIsUsed(CapturedOutput output) throws Exception {
		FixedAnswerServer tokens = tokenEndpoint(backends.pki().genuineServer(), "genuine-token");
		try (ConfigurableApplicationContext application = start(tokens)) {
			HttpResponse<String> response = call(application);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("genuine-token");
			assertThat(output).contains("the OAuth2 client's token requests")
				.contains("OIDC discovery (issuer-uri) and ID-token key requests");
		}
		finally {
			tokens.close();
		}
	}

	@Test
	void anImpostorsTokenEndpointIsRefused() throws Exception {
		FixedAnswerServer tokens = tokenEndpoint(backends.pki().rogueServer(), "impostor-token");
		try (ConfigurableApplicationContext application = start(tokens)) {
			HttpResponse<String> response = call(application);
			assertThat(response.body()).doesNotContain("impostor-token");
			assertThat(response.statusCode()).isEqualTo(500);
			assertThat(application.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
				.containsOnly(tokens.port());
		}
		finally {
			tokens.close();
		}
	}

	/** A token endpoint over TLS that answers every token request with the same token. */
	private static FixedAnswerServer tokenEndpoint(ServerCertificates certificates, String token) throws IOException {
		return FixedAnswerServer.start(certificates, "application/json", Map.of("/token",
				"{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
	}

	private static ConfigurableApplicationContext start(FixedAnswerServer tokens) {
		return new SpringApplicationBuilder(Application.class)
			.properties(Backends.WITHOUT_DATA_CLIENTS, "server.port=0",
					"logging.level.io.github.pinning.autoconfigure.log=info",
					"spring.security.oauth2.client.registration.backend.client-id=application",
					"spring.security.oauth2.client.registration.backend.client-secret=secret",
					"spring.security.oauth2.client.registration.backend.authorization-grant-type=client_credentials",
					"spring.security.oauth2.client.registration.backend.provider=backend",
					"spring.security.oauth2.client.provider.backend.token-uri=" + tokens.url("/token"))
			.properties(backends.pinSet("issuer"))
			.run();
	}

	private static HttpResponse<String> call(ConfigurableApplicationContext application) throws Exception {
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/token")).build(),
					BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Application {

		@GetMapping("/token")
		String token(@RegisteredOAuth2AuthorizedClient("backend") OAuth2AuthorizedClient client) {
			return client.getAccessToken().getTokenValue();
		}

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.oauth2Client(Customizer.withDefaults())
				.build();
		}

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
