package io.github.pinning.adversarial;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.X509TrustManager;

import io.github.pinning.Pin;
import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.AdversarialChains;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.ServerCertificates;
import io.github.pinning.test.TlsServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The chains of {@link AdversarialChains} through real handshakes, as long as the JDK's client
 * takes them ({@code jdk.tls.maxCertificateChainLength}, 10 by default): the genuine chain with
 * junk still matches, and an impostor with junk and the pinned certificates is refused, with a
 * message of bounded size.
 */
class CostlyChainTests {

	private static final AdversarialChains chains = AdversarialChains.generate("localhost");

	private static final int JDK_MAX_CHAIN_LENGTH = 10;

	private final RecordingListener listener = new RecordingListener();

	private PinningTrustManager pinnedToTheRoot() {
		X509TrustManager trust = new HandshakeCertificates.Builder().addTrustedCertificate(chains.root())
			.addTrustedCertificate(chains.rogueRoot())
			.build()
			.trustManager();
		PinSet pinSet = PinSet.of("local", List.of("localhost"), List.of(Pin.of(chains.root()).toString()));
		return new PinningTrustManager(trust, PinningPolicy.of(pinSet), this.listener, Clock.systemUTC());
	}

	private Throwable handshake(X509Certificate[] chain, Transport transport) throws Exception {
		ServerCertificates served = new ServerCertificates(new HeldCertificate(chains.leafKey(), chain[0]),
				Arrays.copyOfRange(chain, 1, chain.length));
		try (TlsServer server = TlsServer.start(served, "costly")) {
			return catchThrowable(() -> Handshakes.connect(transport, pinnedToTheRoot(), "localhost", server.port(),
					"TLSv1.3"));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void theGenuineChainWithJunkMatches(Transport transport) throws Exception {
		X509Certificate[] genuine = chains.genuine();
		assertThat(handshake(chains.withJunkMesh(genuine, JDK_MAX_CHAIN_LENGTH - genuine.length), transport)).isNull();
		assertThat(handshake(chains.withExpensiveSigners(genuine, 2), transport)).isNull();
		assertThat(this.listener.checks()).containsExactly("local:match:localhost", "local:match:localhost");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anImpostorWithJunkAndThePinnedCertificatesIsRefused(Transport transport) throws Exception {
		X509Certificate[] impostor = chains.impostor();
		X509Certificate[] withPinned = { impostor[0], impostor[1], chains.intermediate(), chains.root() };
		Throwable failure = handshake(chains.withJunkMesh(withPinned, JDK_MAX_CHAIN_LENGTH - withPinned.length),
				transport);
		assertThat(Failures.isPinningFailure(failure)).isTrue();
		assertThat(this.listener.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.validatedChain()).containsExactly(impostor));
		String message = Failures.causes(failure)
			.stream()
			.filter((cause) -> String.valueOf(cause.getMessage()).contains("Certificate pinning failure"))
			.findFirst()
			.orElseThrow()
			.getMessage();
		assertThat(message).hasSizeLessThan(4096);
		// Within ten certificates the search tries every path inside its bound (a longer chain
		// that is cut short is in BoundedCostTests).
		assertThat(this.listener.violations().get(0).searchCutShort()).isNull();
		assertThat(message).doesNotContain("cut short");
	}

}
