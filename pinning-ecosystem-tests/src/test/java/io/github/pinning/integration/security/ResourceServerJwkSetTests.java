package io.github.pinning.integration.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.pinning.PinningViolation;
import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TlsServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's OAuth2 resource server, servlet and reactive, set up as its reference shows
 * ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}), fetching its JWK set from
 * the genuine authorization server and from an impostor whose certificate comes from a CA the
 * JVM trusts. The impostor serves its own keys and signs its own token: without pinning that
 * token authenticates; with it the JWK set is refused and so is the request.
 */
class ResourceServerJwkSetTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void aTokenSignedWithTheGenuineKeysAuthenticates(WebApplicationType type) throws Exception {
		KeyPair keys = rsa();
		try (TlsServer jwks = TlsServer.json(backends.pki().genuineServer(), jwkSet(keys));
				ConfigurableApplicationContext application = start(jwks, type)) {
			HttpResponse<String> response = call(application, token(keys));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello");
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void anImpostorsKeysAreRefusedAndItsTokenDoesNotAuthenticate(WebApplicationType type) throws Exception {
		KeyPair attackerKeys = rsa();
		try (TlsServer jwks = TlsServer.json(backends.pki().rogueServer(), jwkSet(attackerKeys));
				ConfigurableApplicationContext application = start(jwks, type)) {
			HttpResponse<String> response = call(application, token(attackerKeys));
			// A JWK set that cannot be fetched is an authentication service error: the servlet
			// stack answers it as an authentication failure, WebFlux as a server error.
			assertThat(response.statusCode()).isEqualTo((type == WebApplicationType.SERVLET) ? 401 : 500);
			assertThat(response.body()).isNotEqualTo("hello");
			assertThat(application.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
				.containsOnly(jwks.port());
		}
	}

	private static ConfigurableApplicationContext start(TlsServer jwks, WebApplicationType type) {
		return new SpringApplicationBuilder(Application.class).web(type)
			.properties(Backends.WITHOUT_DATA_CLIENTS, "server.port=0",
					"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://localhost:" + jwks.port() + "/jwks")
			.properties(backends.pinSet("issuer"))
			.run();
	}

	private static HttpResponse<String> call(ConfigurableApplicationContext application, String token)
			throws Exception {
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hello"))
				.header("Authorization", "Bearer " + token)
				.build(), BodyHandlers.ofString());
	}

	private static KeyPair rsa() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	private static String jwkSet(KeyPair keys) {
		return new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID("key").build()).toString();
	}

	private static String token(KeyPair keys) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key").build(),
				new JWTClaimsSet.Builder().subject("someone")
					.expirationTime(Date.from(Instant.now().plusSeconds(300)))
					.build());
		jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
		return jwt.serialize();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Application {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
