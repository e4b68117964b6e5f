package io.github.pinning.integration.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.pinning.PinningViolation;
import io.github.pinning.integration.FixedAnswerServer;
import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.ServerCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth2 login as Spring Security's reference shows it ({@code oauth2Login()} and an
 * {@code authorization_code} registration in {@code spring.security.oauth2.client.*}), through
 * the whole redirect flow with a real browser's cookie jar: the token endpoint is the genuine
 * authorization server, and the user info endpoint is the genuine one or an impostor whose
 * certificate comes from a CA the JVM trusts. Without pinning the impostor's user logs in; with
 * it the user info request is refused, and so is the login.
 */
class OAuth2LoginUserInfoTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	private static FixedAnswerServer genuine;

	private static FixedAnswerServer impostor;

	@BeforeAll
	static void startServers() throws IOException {
		genuine = server(backends.pki().genuineServer(), "genuine-user");
		impostor = server(backends.pki().rogueServer(), "impostor-user");
	}

	@AfterAll
	static void stopServers() {
		genuine.close();
		impostor.close();
	}

	@Test
	void theGenuineUserInfoLogsTheUserIn() throws Exception {
		try (ConfigurableApplicationContext application = start(genuine)) {
			Browser browser = new Browser(application);
			assertThat(browser.logIn()).endsWith("/");
			HttpResponse<String> home = browser.get("/");
			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).isEqualTo("genuine-user");
		}
	}

	@Test
	void anImpostorsUserInfoIsRefused() throws Exception {
		try (ConfigurableApplicationContext application = start(impostor)) {
			Browser browser = new Browser(application);
			assertThat(browser.logIn()).contains("/login?error");
			assertThat(browser.get("/").body()).doesNotContain("impostor-user");
			assertThat(application.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
				.containsOnly(impostor.port());
		}
	}

	/**
	 * An authorization server's token endpoint, and a user info endpoint that names the given
	 * user.
	 */
	private static FixedAnswerServer server(ServerCertificates certificates, String user) throws IOException {
		return FixedAnswerServer.start(certificates, "application/json", Map.of("/token",
				"{\"access_token\":\"token\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"profile\"}",
				"/userinfo", "{\"sub\":\"" + user + "\"}"));
	}

	private static ConfigurableApplicationContext start(FixedAnswerServer userInfo) {
		String provider = "spring.security.oauth2.client.provider.backend.";
		String registration = "spring.security.oauth2.client.registration.backend.";
		return new SpringApplicationBuilder(Application.class)
			.properties(Backends.WITHOUT_DATA_CLIENTS, "server.port=0", registration + "client-id=application",
					registration + "client-secret=secret", registration + "authorization-grant-type=authorization_code",
					registration + "scope=profile", registration + "provider=backend",
					registration + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
					provider + "authorization-uri=" + genuine.url("/authorize"),
					provider + "token-uri=" + genuine.url("/token"),
					provider + "user-info-uri=" + userInfo.url("/userinfo"), provider + "user-name-attribute=sub")
			.properties(backends.pinSet("issuer"))
			.run();
	}

	/** A browser with a cookie jar that follows no redirect by itself. */
	private static final class Browser {

		private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private final String base;

		Browser(ConfigurableApplicationContext application) {
			this.base = "http://localhost:" + ((WebServerApplicationContext) application).getWebServer().getPort();
		}

		/**
		 * Starts the login, comes back from the authorization server with a code, as it would
		 * have redirected the browser, and returns where the application sends the browser then.
		 */
		String logIn() throws Exception {
			HttpResponse<String> authorize = get("/oauth2/authorization/backend");
			assertThat(authorize.statusCode()).isEqualTo(302);
			String location = authorize.headers().firstValue("Location").orElseThrow();
			assertThat(location).startsWith(genuine.url("/authorize"));
			Matcher state = STATE.matcher(location);
			assertThat(state.find()).as(location).isTrue();
			HttpResponse<String> callback = get("/login/oauth2/code/backend?code=code&state=" + state.group(1));
			assertThat(callback.statusCode()).isEqualTo(302);
			return callback.headers().firstValue("Location").orElseThrow();
		}

		HttpResponse<String> get(String path) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).build(), BodyHandlers.ofString());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Application {

		@GetMapping("/")
		String user(@AuthenticationPrincipal OAuth2User user) {
			return user.getName();
		}

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2Login(Customizer.withDefaults())
				.build();
		}

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
