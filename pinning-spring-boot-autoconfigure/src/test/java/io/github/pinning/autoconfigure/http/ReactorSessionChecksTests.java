package io.github.pinning.autoconfigure.http;

import java.time.Duration;

import javax.net.ssl.SSLException;

import io.github.pinning.test.Failures;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.RollOut;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Reactor Netty makes its SSL context from the pinning trust manager, whose check a resumed
 * handshake skips. A session kept past a change of pins (as a TLS 1.3 ticket that arrives after
 * the change leaves it, or a TLS 1.2 handshake checked before the change that completes after
 * it) is resumed unchecked by a plain client, and refused by a client with the session check.
 */
class ReactorSessionChecksTests {

	private static final TestPki pki = TestPki.generate(TestPki.KeyType.EC, "localhost");

	private final RollOut rollOut = new RollOut(pki);

	private final RecordingListener listener = this.rollOut.listener();

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void aSessionKeptPastAChangeIsCheckedWhenItIsResumed(String protocol) throws Exception {
		HttpClient plain = client(protocol);
		HttpClient checking = ReactorSessionChecks.checking(client(protocol));
		try (TlsServer impostor = TlsServer.resumable(pki.rogueServer(), "impostor", protocol)) {
			String url = "https://localhost:" + impostor.port() + "/";
			assertThat(get(plain, url)).isEqualTo("impostor");
			assertThat(get(checking, url)).isEqualTo("impostor");
			assertThat(this.listener.checks()).containsExactly("local:violation:localhost",
					"local:violation:localhost");
			this.rollOut.enforce();
			this.listener.checks().clear();

			assertThat(get(plain, url)).as("resumed by the plain client").isEqualTo("impostor");
			assertThat(this.listener.checks()).isEmpty();
			Throwable failure = catchThrowable(() -> get(checking, url));
			assertThat(Failures.isPinningFailure(failure)).as("pinning failure in %s", failure).isTrue();
			assertThat(this.listener.checks()).containsExactly("local:violation:localhost");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void aSessionCheckedUnderThePinsInForceIsNotCheckedAgain(String protocol) throws Exception {
		HttpClient checking = ReactorSessionChecks.checking(client(protocol));
		try (TlsServer genuine = TlsServer.resumable(pki.genuineServer(), "genuine", protocol)) {
			String url = "https://localhost:" + genuine.port() + "/";
			for (int i = 0; i < 3; i++) {
				assertThat(get(checking, url)).isEqualTo("genuine");
			}
			assertThat(this.listener.checks()).as("one full handshake, then resumptions")
				.containsExactly("local:match:localhost");
		}
	}

	private HttpClient client(String protocol) throws SSLException {
		SslContext context = SslContextBuilder.forClient().trustManager(this.rollOut.trustManager()).protocols(protocol).build();
		return HttpClient.newConnection().secure((spec) -> spec.sslContext(context));
	}

	private static String get(HttpClient client, String url) {
		return client.get().uri(url).responseContent().aggregate().asString().block(Duration.ofSeconds(20));
	}

}
