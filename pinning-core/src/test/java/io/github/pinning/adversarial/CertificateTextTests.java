package io.github.pinning.adversarial;

import java.time.Clock;
import java.util.List;

import io.github.pinning.CertificatePinningException;
import io.github.pinning.CertificateText;
import io.github.pinning.PinSet;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An impostor chooses its certificate's names: a line break in its common name must not forge
 * a log line, an escape sequence must not reach a terminal. Through real handshakes, every
 * message that quotes a certificate shows such characters as visible escapes.
 */
class CertificateTextTests {

	private static final String FORGED_NAME = "x\n09:00:00Z INFO Forged : all fine\u001B[2J\u202E\u0085";

	private static final TestPki pki = TestPki.localhost();

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aForgedCommonNameCannotStartALineOfThePinningFailure(Transport transport) throws Exception {
		HeldCertificate forged = new HeldCertificate.Builder().commonName(FORGED_NAME)
			.addSubjectAlternativeName("localhost")
			.signedBy(pki.rogueRoot())
			.build();
		assertThat(pinningFailure(forged, transport)).contains("CN=x\\u000A09:00:00Z INFO Forged : all fine\\u001B[2J\\u202E\\u0085")
			.doesNotContainPattern("(?m)^09:00:00Z")
			.doesNotContain("\u001B", "\u202E", "\u0085");
	}

	@Test
	void aForgedCommonNameCannotStartALineOfTheHostnameFailure() throws Exception {
		HeldCertificate forged = new HeldCertificate.Builder().commonName(FORGED_NAME)
			.addSubjectAlternativeName("elsewhere.test")
			.signedBy(pki.root())
			.build();
		PinningTrustManager trustManager = new PinningTrustManager(new PlainTrustManager(TestPki.trusting(pki.root())),
				PinningPolicy.empty(), PinningListener.NONE, Clock.systemUTC());
		Throwable failure;
		try (TlsServer server = TlsServer.start(TestPki.serving(forged), "forged")) {
			failure = catchThrowable(() -> Handshakes.connect(Transport.SOCKET, trustManager, "localhost",
					server.port(), "TLSv1.3"));
		}
		assertThat(Failures.causes(failure)).anySatisfy((cause) -> assertThat(cause.getMessage())
			.contains("No name matching localhost found in the certificate of CN=x\\u000A09:00:00Z"));
		assertThat(Failures.causes(failure)).allSatisfy((cause) -> assertThat(String.valueOf(cause.getMessage()))
			.doesNotContainPattern("(?m)^09:00:00Z"));
	}

	@Test
	void leavesOrdinaryTextAsItIs() {
		String ordinary = "CN=Bücher GmbH\\, Zweigstelle,O=Example,C=DE";
		assertThat(CertificateText.neutralize(ordinary)).isSameAs(ordinary);
		assertThat(CertificateText.neutralize("a\tb\u2028c\u007F")).isEqualTo("a\\u0009b\\u2028c\\u007F");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aHugeSubjectIsCutInThePinningFailure(Transport transport) throws Exception {
		// As long as the JDK's client takes (jdk.tls.maxHandshakeMessageSize, 32 KiB).
		String huge = "x".repeat(6_000);
		HeldCertificate forged = new HeldCertificate.Builder().commonName(huge)
			.organizationalUnit(huge)
			.addSubjectAlternativeName("localhost")
			.signedBy(pki.rogueRoot())
			.build();
		assertThat(pinningFailure(forged, transport)).hasSizeLessThan(2048).contains("more characters)");
		assertThat(CertificateText.neutralize("y".repeat(100_000))).hasSizeLessThan(CertificateText.MAX_TEXT_LENGTH + 64)
			.endsWith("(98976 more characters)");
	}

	/** The message of the pinning failure of a handshake with a server that sends a rogue leaf. */
	private static String pinningFailure(HeldCertificate rogueLeaf, Transport transport) throws Exception {
		PinningTrustManager trustManager = new PinningTrustManager(pki.trustingBothRoots(),
				PinningPolicy.of(PinSet.of("local", List.of("localhost"),
						TestPki.pins(pki.intermediate(), pki.root()))),
				PinningListener.NONE, Clock.systemUTC());
		Throwable failure;
		try (TlsServer server = TlsServer.start(TestPki.serving(rogueLeaf), "rogue")) {
			failure = catchThrowable(() -> Handshakes.connect(transport, trustManager, "localhost", server.port(),
					"TLSv1.3"));
		}
		return Failures.causes(failure)
			.stream()
			.filter(CertificatePinningException.class::isInstance)
			.findFirst()
			.orElseThrow()
			.getMessage();
	}

}
