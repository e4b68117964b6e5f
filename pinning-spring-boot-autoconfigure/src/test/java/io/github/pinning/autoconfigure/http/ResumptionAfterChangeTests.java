package io.github.pinning.autoconfigure.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.github.pinning.autoconfigure.refresh.PinningRefreshAutoConfiguration;
import io.github.pinning.test.ClientConfigurations;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A session that a client resumes skips the trust manager, and with it the pins. After a change
 * of a host's pins, every client that Spring Boot builds, through every request factory and
 * connector, must make a full handshake judged by the new pins: here the new pins name only
 * the impostor's keys, so the genuine server, whose session the client holds, is refused. Both
 * TLS 1.3 (resumption by ticket) and TLS 1.2 (by session id).
 */
class ResumptionAfterChangeTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private static final TestPki pki = backends.pki();

	private static TlsServer tls13;

	private static TlsServer tls12;

	private final Map<String, Object> dynamic = new HashMap<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(ClientConfigurations.PINNED_CLIENTS)
		.withConfiguration(AutoConfigurations.of(PinningRefreshAutoConfiguration.class))
		.withPropertyValues(backends.trustBundle(true))
		.withBean(RecordingListener.class)
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("dynamic", this.dynamic)));

	@BeforeAll
	static void start() throws Exception {
		tls13 = TlsServer.resumable(pki.genuineServer(), "genuine", "TLSv1.3");
		tls12 = TlsServer.resumable(pki.genuineServer(), "genuine", "TLSv1.2");
	}

	@AfterAll
	static void stop() throws Exception {
		tls13.close();
		tls12.close();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "RestClient, http-components", "RestClient, jetty", "RestClient, reactor", "RestClient, jdk",
			"RestClient, simple", "WebClient, reactor", "WebClient, jetty", "WebClient, http-components",
			"WebClient, jdk" })
	void aSessionHeldUnderTheOldPinsIsNotResumedUnderTheNew(String client, String factory) {
		this.dynamic.put("pinning.pin-sets.local.hosts", "localhost");
		this.dynamic.put("pinning.pin-sets.local.pins", TestPki.pin(pki.intermediate()) + "," + TestPki.pin(pki.root()));
		this.dynamic.put(client.equals("RestClient") ? "spring.http.clients.imperative.factory"
				: "spring.http.clients.reactive.connector", factory);
		this.runner.run((context) -> {
			RecordingListener listener = context.getBean(RecordingListener.class);
			List<Call> calls = List.of(call(context, client, tls13), call(context, client, tls12));
			for (Call call : calls) {
				assertThat(call.get()).isEqualTo("genuine");
				assertThat(call.get()).isEqualTo("genuine");
			}
			assertThat(listener.checks()).as("each second request resumed the first session")
				.containsExactly("local:match:localhost", "local:match:localhost");

			this.dynamic.put("pinning.pin-sets.local.pins",
					TestPki.pin(pki.rogueLeaf()) + "," + TestPki.pin(pki.rogueRoot()));
			context.publishEvent(new EnvironmentChangeEvent(context, Set.of("pinning.pin-sets.local.pins")));
			for (Call call : calls) {
				Throwable failure = catchThrowable(call::get);
				assertThat(Failures.isPinningFailure(failure)).as("refused by the new pins: %s", failure).isTrue();
			}
		});
	}

	@Test
	void aTicketThatArrivesAfterTheChangeIsNotResumedUnderTheNewPins() throws Exception {
		this.dynamic.put("pinning.pin-sets.local.hosts", "localhost");
		this.dynamic.put("pinning.pin-sets.local.pins", TestPki.pin(pki.intermediate()) + "," + TestPki.pin(pki.root()));
		this.dynamic.put("pinning.pin-sets.local.mode", "report-only");
		try (TlsServer impostor = TlsServer.resumable(pki.rogueServer(), "impostor", "TLSv1.3")) {
			this.runner.run((context) -> {
				RecordingListener listener = context.getBean(RecordingListener.class);
				SSLContext client = context.getBean(SslBundles.class).getBundle("test").createSslContext();
				try (SSLSocket first = Handshakes.socket(client, "localhost", impostor.port(), "TLSv1.3")) {
					first.startHandshake();
					this.dynamic.put("pinning.pin-sets.local.mode", "enforce");
					context.publishEvent(new EnvironmentChangeEvent(context, Set.of("pinning.pin-sets.local.mode")));
					// The server's ticket is read with the answer, after the change.
					assertThat(Handshakes.exchange(first, "localhost")).isEqualTo("impostor");
				}
				Throwable failure = catchThrowable(() -> {
					try (SSLSocket second = Handshakes.socket(client, "localhost", impostor.port(), "TLSv1.3")) {
						Handshakes.exchange(second, "localhost");
					}
				});
				assertThat(Failures.isPinningFailure(failure)).as("refused by the new pins: %s", failure).isTrue();
				assertThat(listener.checks()).containsExactly("local:violation:localhost", "local:violation:localhost");
			});
		}
	}

	private static Call call(ConfigurableApplicationContext context, String client, TlsServer server) {
		String url = TestBackends.url(server);
		if (client.equals("RestClient")) {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			return () -> restClient.get().uri(url).retrieve().body(String.class);
		}
		WebClient webClient = context.getBean(WebClient.Builder.class).build();
		return () -> webClient.get().uri(url).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
	}

	@FunctionalInterface
	private interface Call {

		String get();

	}

}
