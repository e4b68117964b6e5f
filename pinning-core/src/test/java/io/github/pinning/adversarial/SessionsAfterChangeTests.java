package io.github.pinning.adversarial;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.github.pinning.PinningSslContext;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.RollOut;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A session judged under pins that have since changed is never resumed without being checked
 * again. A change invalidates the sessions cached when it happens, but a TLS 1.3 ticket that
 * the server sends after it (read with the connection's next data), or a handshake checked
 * before it that completes after it, leaves a session judged under the old pins in the cache.
 * The connections of a {@link PinningSslContext} check their session when their handshake
 * completes; the plain context beside it shows the session resumed unchecked.
 */
class SessionsAfterChangeTests {

	private static final TestPki pki = TestPki.generate(TestPki.KeyType.EC, "localhost");

	private final RollOut rollOut = new RollOut(pki);

	private final RecordingListener listener = this.rollOut.listener();

	private final PinningTrustManager trustManager = this.rollOut.trustManager();

	private final SSLContext plain = Handshakes.sslContext(this.trustManager);

	@Test
	void aTicketThatArrivesAfterTheChangeIsCheckedWhenItIsResumed() throws Exception {
		SSLContext pinning = PinningSslContext.of(Handshakes.sslContext(this.trustManager), this.trustManager);
		try (TlsServer impostor = TlsServer.resumable(pki.rogueServer(), "impostor", "TLSv1.3")) {
			assertThat(ticketAfterEnforcing(this.plain, impostor.port())).as("resumed by the plain context")
				.isEqualTo("impostor");
			assertThat(impostor.handshakes()).isEqualTo(2);
			assertThat(this.listener.checks()).as("the resumed handshake checked nothing")
				.containsExactly("local:violation:localhost");

			this.rollOut.backToReportOnly();
			this.listener.checks().clear();
			Throwable failure = catchThrowable(() -> ticketAfterEnforcing(pinning, impostor.port()));
			assertThat(Failures.isPinningFailure(failure)).as("pinning failure in %s", failure).isTrue();
			assertThat(this.listener.checks()).containsExactly("local:violation:localhost",
					"local:violation:localhost");
		}
	}

	/**
	 * Connects under report-only and completes the handshake; enforces and invalidates the
	 * cached sessions, as a change does; then reads the answer, and with it the ticket; then
	 * connects again, resuming the ticket.
	 * @return the second connection's answer
	 */
	private String ticketAfterEnforcing(SSLContext client, int port) throws Exception {
		try (SSLSocket first = Handshakes.socket(client, "localhost", port, "TLSv1.3")) {
			first.startHandshake();
			this.rollOut.enforce().invalidateSessions(client.getClientSessionContext());
			assertThat(Handshakes.exchange(first, "localhost")).isEqualTo("impostor");
		}
		try (SSLSocket second = Handshakes.socket(client, "localhost", port, "TLSv1.3")) {
			return Handshakes.exchange(second, "localhost");
		}
	}

	@ParameterizedTest
	@CsvSource({ "SOCKET, TLSv1.3", "SOCKET, TLSv1.2", "ENGINE, TLSv1.3", "ENGINE, TLSv1.2" })
	void aSessionThatOutlivesTheChangeIsCheckedWhenItIsResumed(Transport transport, String protocol)
			throws Exception {
		SSLContext pinning = PinningSslContext.of(Handshakes.sslContext(this.trustManager), this.trustManager);
		try (TlsServer impostor = TlsServer.resumable(pki.rogueServer(), "impostor", protocol)) {
			Handshakes.connect(transport, this.plain, "localhost", impostor.port(), protocol);
			Handshakes.connect(transport, pinning, "localhost", impostor.port(), protocol);
			this.rollOut.enforce();
			this.listener.checks().clear();

			// Sessions kept past the change, as a late ticket or a late handshake leaves them.
			assertThatCode(() -> Handshakes.connect(transport, this.plain, "localhost", impostor.port(), protocol))
				.as("resumed by the plain context")
				.doesNotThrowAnyException();
			assertThat(this.listener.checks()).isEmpty();
			Throwable failure = catchThrowable(
					() -> Handshakes.connect(transport, pinning, "localhost", impostor.port(), protocol));
			assertThat(Failures.isPinningFailure(failure)).as("pinning failure in %s", failure).isTrue();
			assertThat(this.listener.checks()).containsExactly("local:violation:localhost");
		}
	}

	@ParameterizedTest
	@CsvSource({ "SOCKET, TLSv1.3", "ENGINE, TLSv1.3", "SOCKET, TLSv1.2", "ENGINE, TLSv1.2" })
	void aSessionCheckedUnderThePinsInForceIsResumedWithoutASecondCheck(Transport transport, String protocol)
			throws Exception {
		SSLContext pinning = PinningSslContext.of(Handshakes.sslContext(this.trustManager), this.trustManager);
		try (TlsServer genuine = TlsServer.resumable(pki.genuineServer(), "genuine", protocol)) {
			for (int i = 0; i < 3; i++) {
				Handshakes.connect(transport, pinning, "localhost", genuine.port(), protocol);
			}
			assertThat(this.listener.checks()).as("one full handshake, then resumptions")
				.containsExactly("local:match:localhost");
		}
	}

}
