package io.github.pinning.adversarial;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A session that a client resumes skips the trust manager. The JDK keys its client sessions by
 * host and port, so a session made with an unpinned name is never resumed for a pinned name on
 * the same address and port: that handshake is full, and its pins are checked.
 */
class SessionResumptionTests {

	private static final TestPki pki = TestPki.generate(TestPki.KeyType.EC, "localhost", "unpinned.test");

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void aSessionOfAnotherHostOnTheSameAddressAndPortIsNoWayAroundThePins(String protocol) throws Exception {
		CountingTrustManager counting = new CountingTrustManager(
				(X509ExtendedTrustManager) pki.trustingBothRoots());
		RecordingListener listener = new RecordingListener();
		PinSet pinSet = PinSet.of("local", List.of("localhost"),
				TestPki.pins(pki.intermediate(), pki.root()));
		PinningTrustManager trustManager = new PinningTrustManager(counting, PinningPolicy.of(pinSet), listener,
				Clock.systemUTC());
		javax.net.ssl.SSLContext client = Handshakes.sslContext(trustManager);
		try (TlsServer impostor = TlsServer.resumable(pki.rogueServer(), "impostor", protocol)) {
			Handshakes.connect(Transport.SOCKET, client, "unpinned.test", impostor.port(), protocol);
			Handshakes.connect(Transport.SOCKET, client, "unpinned.test", impostor.port(), protocol);
			assertThat(counting.checks).as("the second connection resumed the first session").hasValue(1);
			Throwable failure = catchThrowable(
					() -> Handshakes.connect(Transport.SOCKET, client, "localhost", impostor.port(), protocol));
			assertThat(Failures.isPinningFailure(failure)).as("pinning failure in %s", failure).isTrue();
			assertThat(counting.checks).hasValue(2);
			assertThat(listener.checks()).containsExactly("local:violation:localhost");
		}
	}

	/**
	 * Counts the chains it is asked to check, that is the full handshakes.
	 */
	private static final class CountingTrustManager extends X509ExtendedTrustManager {

		private final X509ExtendedTrustManager delegate;

		private final AtomicInteger checks = new AtomicInteger();

		CountingTrustManager(X509ExtendedTrustManager delegate) {
			this.delegate = delegate;
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.checks.incrementAndGet();
			this.delegate.checkServerTrusted(chain, authType, socket);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.checks.incrementAndGet();
			this.delegate.checkServerTrusted(chain, authType, engine);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.checks.incrementAndGet();
			this.delegate.checkServerTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType, socket);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType, engine);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.delegate.getAcceptedIssuers();
		}

	}

}
