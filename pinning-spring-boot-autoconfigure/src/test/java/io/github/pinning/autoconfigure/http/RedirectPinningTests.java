package io.github.pinning.autoconfigure.http;

import java.time.Duration;

import io.github.pinning.test.Failures;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TlsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A pinned host that redirects to an impostor gets the client nowhere: the redirected
 * connection is a new handshake, and its pins are checked like the first.
 */
class RedirectPinningTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private static TlsServer redirecting;

	@BeforeAll
	static void start() throws Exception {
		redirecting = TlsServer.redirecting(backends.pki().genuineServer(), TestBackends.url(backends.rogue()));
	}

	@AfterAll
	static void stop() throws Exception {
		redirecting.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http-components", "jetty", "reactor", "jdk", "simple" })
	void restClientFollowingARedirectToAnImpostorIsRefused(String factory) {
		backends.pinnedClientsRunner()
			.withPropertyValues("spring.http.clients.imperative.factory=" + factory,
					"spring.http.clients.redirects=follow")
			.run((context) -> {
				RestClient client = context.getBean(RestClient.Builder.class).build();
				Throwable failure = catchThrowable(
						() -> client.get().uri(TestBackends.url(redirecting)).retrieve().body(String.class));
				assertThat(Failures.isPinningFailure(failure)).as("pinning failure in %s", failure).isTrue();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jetty", "http-components", "jdk" })
	void webClientFollowingARedirectToAnImpostorIsRefused(String connector) {
		backends.pinnedClientsRunner()
			.withPropertyValues("spring.http.clients.reactive.connector=" + connector,
					"spring.http.clients.redirects=follow")
			.run((context) -> {
				WebClient client = context.getBean(WebClient.Builder.class).build();
				Throwable failure = catchThrowable(() -> client.get()
					.uri(TestBackends.url(redirecting))
					.retrieve()
					.bodyToMono(String.class)
					.block(Duration.ofSeconds(30)));
				assertThat(Failures.isPinningFailure(failure)).as("pinning failure in %s", failure).isTrue();
			});
	}

}
