package io.github.pinning.adversarial;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import io.github.pinning.PinningSslContext;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.PinningViolation;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.RollOut;
import io.github.pinning.test.ServerCertificates;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A certificate of the host replayed without its private key: anyone on the path can send a
 * chain that PKIX accepts and the pins refuse, but only its key holder can complete the
 * handshake. The connections of a {@link PinningSslContext} keep the pin step's judgement until
 * the handshake completes, so the replay fails TLS's own signature check and is no violation,
 * while an impostor that holds its key is refused and counted as proven. A client that makes
 * its own context from the trust manager is refused as the chain arrives, and the violation
 * says that the server had not proven its key.
 */
class KeylessReplayTests {

	private static final TestPki pki = TestPki.generate(TestPki.KeyType.EC, "localhost");

	private final RollOut rollOut = new RollOut(pki);

	private final RecordingListener listener = this.rollOut.listener();

	private final PinningTrustManager trustManager = this.rollOut.trustManager();

	/** The impostor's chain, sent by a server that signs its handshake with another key. */
	private static ServerCertificates replayedWithoutKey() {
		HeldCertificate otherKey = new HeldCertificate.Builder().ecdsa256().build();
		return TestPki.serving(new HeldCertificate(otherKey.keyPair(), pki.rogueLeaf().certificate()));
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource({ "SOCKET, TLSv1.3, enforce", "SOCKET, TLSv1.2, enforce", "ENGINE, TLSv1.3, enforce",
			"ENGINE, TLSv1.2, enforce", "SOCKET, TLSv1.3, report-only", "ENGINE, TLSv1.2, report-only" })
	void aReplayWithoutTheKeyIsNoViolationOnTheConnectionsOfAPinningContext(Transport transport, String protocol,
			String mode) throws Exception {
		if (mode.equals("enforce")) {
			this.rollOut.enforce();
		}
		SSLContext pinning = PinningSslContext.of(Handshakes.sslContext(this.trustManager), this.trustManager);
		try (TlsServer replay = TlsServer.start(replayedWithoutKey(), "replay", protocol)) {
			Throwable failure = catchThrowable(() -> Handshakes.connect(transport, pinning, "localhost", replay.port(),
					protocol));
			assertThat(Failures.causes(failure)).as("the handshake's own signature check: %s", failure)
				.anyMatch(SSLHandshakeException.class::isInstance);
			assertThat(Failures.isPinningFailure(failure)).as("no pinning failure: %s", failure).isFalse();
			assertThat(this.listener.violations()).isEmpty();
			assertThat(this.listener.checks()).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "SOCKET, TLSv1.3", "SOCKET, TLSv1.2", "ENGINE, TLSv1.3", "ENGINE, TLSv1.2" })
	void anImpostorThatHoldsItsKeyIsRefusedOnceItHasProvenIt(Transport transport, String protocol) throws Exception {
		this.rollOut.enforce();
		SSLContext pinning = PinningSslContext.of(Handshakes.sslContext(this.trustManager), this.trustManager);
		try (TlsServer impostor = TlsServer.start(pki.rogueServer(), "impostor", protocol)) {
			Throwable failure = catchThrowable(() -> Handshakes.connect(transport, pinning, "localhost",
					impostor.port(), protocol));
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
			assertThat(this.listener.violations()).singleElement()
				.satisfies((violation) -> assertThat(violation.serverKeyProven()).isTrue());
			assertThat(this.listener.checks()).containsExactly("local:violation:localhost");
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "SOCKET, TLSv1.3", "SOCKET, TLSv1.2", "ENGINE, TLSv1.3", "ENGINE, TLSv1.2" })
	void aClientWithItsOwnContextRefusesTheReplayAsItArrivesAndSaysTheKeyWasNotProven(Transport transport,
			String protocol) throws Exception {
		this.rollOut.enforce();
		try (TlsServer replay = TlsServer.start(replayedWithoutKey(), "replay", protocol)) {
			Throwable failure = catchThrowable(() -> Handshakes.connect(transport, this.trustManager, "localhost",
					replay.port(), protocol));
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
			assertThat(this.listener.violations()).singleElement()
				.satisfies((violation) -> assertThat(violation.serverKeyProven()).isFalse());
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "SOCKET, TLSv1.3", "ENGINE, TLSv1.2" })
	void aGenuineServerMatchesOnceTheHandshakeCompletes(Transport transport, String protocol) throws Exception {
		this.rollOut.enforce();
		SSLContext pinning = PinningSslContext.of(Handshakes.sslContext(this.trustManager), this.trustManager);
		try (TlsServer genuine = TlsServer.start(pki.genuineServer(), "genuine", protocol)) {
			Handshakes.connect(transport, pinning, "localhost", genuine.port(), protocol);
			assertThat(this.listener.checks()).containsExactly("local:match:localhost");
			assertThat(this.listener.violations()).extracting(PinningViolation::host).isEmpty();
		}
	}

}
