package io.github.pinning;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;

import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A plain {@link X509TrustManager} delegate knows nothing of hosts; wrapped for pinning, it
 * must still refuse a certificate that does not name the host.
 */
class EndpointIdentifyingTrustManagerTests {

	private static final TestPki pki = TestPki.generate(TestPki.KeyType.EC, "localhost");

	private static TlsServer server;

	@BeforeAll
	static void start() throws Exception {
		HeldCertificate leaf = pki.leaf(new String[] { "*.example.test", "exact.test", "127.0.0.1", "::1" },
				pki.intermediate());
		server = TlsServer.start(TestPki.serving(leaf, pki.intermediate().certificate()), "ok");
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			api.example.test,     true
			API.EXAMPLE.TEST.,    true
			exact.test,           true
			127.0.0.1,            true
			::1,                  true
			localhost,            false
			example.test,         false
			a.b.example.test,     false
			other.test,           false
			127.0.0.2,            false
			""")
	void verifiesTheHostAsTheJdkWouldForAPlainTrustManager(String host, boolean accepted) {
		PinningTrustManager trustManager = new PinningTrustManager(plain(TestPki.trusting(pki.root())),
				PinningPolicy.empty(), PinningListener.NONE, Clock.systemUTC());
		Throwable failure = catchThrowable(
				() -> Handshakes.connect(Transport.SOCKET, trustManager, host, server.port(), "TLSv1.3"));
		if (accepted) {
			assertThat(failure).isNull();
		}
		else {
			assertThat(failure).isInstanceOf(SSLHandshakeException.class)
				.hasRootCauseInstanceOf(CertificateException.class)
				.rootCause()
				.hasMessageContaining("No name matching " + host);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "api.example.test", "127.0.0.1" })
	void pinsAreCheckedAfterThePlainDelegateAccepts(String host) {
		List<String> pins = List.of(TestPki.pin(pki.rogueRoot()).toString(), TestPki.pin(pki.rogueLeaf()).toString());
		PinningPolicy policy = PinningPolicy.of(PinSet.of("plain", List.of(host), pins));
		PinningTrustManager trustManager = new PinningTrustManager(plain(TestPki.trusting(pki.root())), policy,
				PinningListener.NONE, Clock.systemUTC());
		Throwable failure = catchThrowable(
				() -> Handshakes.connect(Transport.SOCKET, trustManager, host, server.port(), "TLSv1.2"));
		assertThat(failure).isNotNull().hasRootCauseInstanceOf(CertificatePinningException.class);
		PinningTrustManager unpinned = new PinningTrustManager(plain(TestPki.trusting(pki.root())),
				PinningPolicy.empty(), PinningListener.NONE, Clock.systemUTC());
		assertThatNoException().isThrownBy(
				() -> Handshakes.connect(Transport.SOCKET, unpinned, host, server.port(), "TLSv1.2"));
	}

	private static X509TrustManager plain(X509TrustManager jdk) {
		return new X509TrustManager() {

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
				jdk.checkClientTrusted(chain, authType);
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
				jdk.checkServerTrusted(chain, authType);
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return jdk.getAcceptedIssuers();
			}

		};
	}

}
