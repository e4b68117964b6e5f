package io.github.pinning;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;

import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TestPki.KeyType;
import io.github.pinning.test.TlsServer;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Real handshakes against local TLS servers, with the pinning trust manager in a plain
 * {@code SSLContext}.
 */
class PinningTrustManagerTests {

	private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

	private static final Map<KeyType, Servers> servers = new EnumMap<>(KeyType.class);

	private final RecordingListener listener = new RecordingListener();

	@BeforeAll
	static void startServers() throws Exception {
		for (KeyType keyType : KeyType.values()) {
			servers.put(keyType, new Servers(TestPki.generate(keyType, "localhost", "127.0.0.1")));
		}
	}

	@AfterAll
	static void stopServers() throws Exception {
		for (Servers each : servers.values()) {
			each.close();
		}
	}

	static Stream<Arguments> handshakes() {
		List<Arguments> arguments = new ArrayList<>();
		for (KeyType keyType : KeyType.values()) {
			for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
				for (Transport transport : Transport.values()) {
					arguments.add(Arguments.of(keyType, protocol, transport));
				}
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void pinnedLeafPasses(KeyType keyType, String protocol, Transport transport) throws Exception {
		Servers s = servers.get(keyType);
		connect(transport, pinning(s.pki, enforced(s.pki.leaf(), s.pki.rogueRoot())), s.genuine.port(), protocol);
		assertThat(this.listener.checks()).containsExactly("localhost:match:localhost");
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void pinnedIntermediatePasses(KeyType keyType, String protocol, Transport transport) throws Exception {
		Servers s = servers.get(keyType);
		connect(transport, pinning(s.pki, enforced(s.pki.intermediate(), s.pki.rogueRoot())), s.genuine.port(),
				protocol);
		assertThat(this.listener.checks()).containsExactly("localhost:match:localhost");
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void pinnedRootThatTheServerDoesNotSendPasses(KeyType keyType, String protocol, Transport transport)
			throws Exception {
		Servers s = servers.get(keyType);
		connect(transport, pinning(s.pki, enforced(s.pki.root(), s.pki.rogueRoot())), s.genuine.port(), protocol);
		assertThat(this.listener.checks()).containsExactly("localhost:match:localhost");
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void tellsThePinNearestTheLeafAndWhenTheLastMatchingCertificateExpires(KeyType keyType, String protocol,
			Transport transport) throws Exception {
		Servers s = servers.get(keyType);
		PinSet rootAndIntermediate = PinSet.of("localhost", List.of("localhost"),
				TestPki.pins(s.pki.root(), s.pki.rogueRoot(), s.pki.intermediate()));
		connect(transport, pinning(s.pki, rootAndIntermediate), s.genuine.port(), protocol);
		Instant lastExpiry = Stream.of(s.pki.root(), s.pki.intermediate())
			.map((held) -> held.certificate().getNotAfter().toInstant())
			.max(Instant::compareTo)
			.orElseThrow();
		assertThat(this.listener.matches())
			.containsExactly("localhost:" + TestPki.pin(s.pki.intermediate()) + ":" + lastExpiry + ":localhost");
		this.listener.matches().clear();
		HeldCertificate shortLived = new HeldCertificate.Builder().commonName("localhost")
			.addSubjectAlternativeName("localhost")
			.duration(1, TimeUnit.HOURS)
			.signedBy(s.pki.intermediate())
			.build();
		PinSet leafAndIntermediate = PinSet.of("localhost", List.of("localhost"),
				TestPki.pins(shortLived, s.pki.intermediate()));
		try (TlsServer server = TlsServer.start(TestPki.serving(shortLived, s.pki.intermediate().certificate()), "ok")) {
			connect(transport, pinning(s.pki, leafAndIntermediate), server.port(), protocol);
		}
		assertThat(this.listener.matches()).as("the leaf's renewal alone does not lock out: the intermediate matches")
			.containsExactly("localhost:" + TestPki.pin(shortLived) + ":"
					+ s.pki.intermediate().certificate().getNotAfter().toInstant() + ":localhost");
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void leafFromATrustedRogueCaFails(KeyType keyType, String protocol, Transport transport) {
		Servers s = servers.get(keyType);
		PinSet pinSet = enforced(s.pki.intermediate(), s.pki.root());
		Throwable failure = catchThrowable(
				() -> connect(transport, pinning(s.pki, pinSet), s.rogue.port(), protocol));
		CertificatePinningException pinning = pinningFailure(failure);
		assertThat(pinning.getMessage()).isEqualTo("""
				Certificate pinning failure for localhost (pin set 'localhost')!
				  Validated certificate chain:
				    %s: CN=localhost
				    %s: CN=Rogue Root CA
				  Pinned certificates:
				    %s
				    %s""".formatted(TestPki.pin(s.pki.rogueLeaf()), TestPki.pin(s.pki.rogueRoot()),
				TestPki.pin(s.pki.intermediate()), TestPki.pin(s.pki.root())));
		assertThat(this.listener.checks()).containsExactly("localhost:violation:localhost");
		assertThat(this.listener.violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.host()).isEqualTo("localhost");
			assertThat(violation.port()).isEqualTo(s.rogue.port());
			assertThat(violation.mode()).isEqualTo(PinningMode.ENFORCE);
			assertThat(violation.servedChain()).containsExactly(s.pki.rogueLeaf().certificate());
			assertThat(violation.validatedChain()).containsExactly(s.pki.rogueLeaf().certificate(),
					s.pki.rogueRoot().certificate());
		});
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void rogueLeafFollowedByTheGenuinePinnedChainFails(KeyType keyType, String protocol, Transport transport) {
		// CVE-2016-2402: the pinned certificates are sent, but they did not sign the leaf.
		Servers s = servers.get(keyType);
		PinSet pinSet = enforced(s.pki.intermediate(), s.pki.root());
		Throwable failure = catchThrowable(
				() -> connect(transport, pinning(s.pki, pinSet), s.rogueWithGenuineChain.port(), protocol));
		pinningFailure(failure);
		PinningViolation violation = this.listener.violations().get(0);
		assertThat(violation.servedChain()).containsExactly(s.pki.rogueLeaf().certificate(),
				s.pki.intermediate().certificate(), s.pki.root().certificate());
		assertThat(violation.validatedChain()).containsExactly(s.pki.rogueLeaf().certificate(),
				s.pki.rogueRoot().certificate());
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void pinnedKeyInAnUntrustedChainStillFailsPkix(KeyType keyType, String protocol, Transport transport) {
		Servers s = servers.get(keyType);
		X509TrustManager onlyRogueTrusted = TestPki.trusting(s.pki.rogueRoot());
		PinningTrustManager trustManager = new PinningTrustManager(onlyRogueTrusted,
				PinningPolicy.of(enforced(s.pki.leaf(), s.pki.root())), this.listener, NOW);
		Throwable failure = catchThrowable(
				() -> Handshakes.connect(transport, trustManager, "localhost", s.genuine.port(), protocol));
		assertThat(failure).isNotNull().hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
		assertThat(causes(failure)).noneMatch(CertificatePinningException.class::isInstance);
		assertThat(this.listener.checks()).isEmpty();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void reportOnlyLetsAViolationThroughAndRecordsIt(KeyType keyType, String protocol, Transport transport)
			throws Exception {
		Servers s = servers.get(keyType);
		PinSet pinSet = enforced(s.pki.intermediate(), s.pki.root()).withMode(PinningMode.REPORT_ONLY);
		connect(transport, pinning(s.pki, pinSet), s.rogue.port(), protocol);
		assertThat(this.listener.checks()).containsExactly("localhost:violation:localhost");
		assertThat(this.listener.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.mode()).isEqualTo(PinningMode.REPORT_ONLY));
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void expiredPinSetLetsAViolationThroughAsExpired(KeyType keyType, String protocol, Transport transport)
			throws Exception {
		Servers s = servers.get(keyType);
		PinSet pinSet = enforced(s.pki.intermediate(), s.pki.root()).withExpires(LocalDate.of(2026, 6, 14));
		connect(transport, pinning(s.pki, pinSet), s.rogue.port(), protocol);
		assertThat(this.listener.checks()).containsExactly("localhost:expired:localhost");
		assertThat(this.listener.violations()).isEmpty();
	}

	@Test
	void pinSetIsEnforcedUntilTheEndOfItsExpiryDayInUtc() {
		Servers s = servers.get(KeyType.EC);
		PinSet pinSet = enforced(s.pki.intermediate(), s.pki.root()).withExpires(LocalDate.of(2026, 6, 15));
		Clock lastSecond = Clock.fixed(Instant.parse("2026-06-15T23:59:59Z"), ZoneOffset.UTC);
		PinningTrustManager trustManager = new PinningTrustManager(s.pki.trustingBothRoots(),
				PinningPolicy.of(pinSet), this.listener, lastSecond);
		pinningFailure(catchThrowable(() -> Handshakes.connect(Transport.SOCKET, trustManager, "localhost",
				s.rogue.port(), "TLSv1.3")));
		Clock nextDay = Clock.fixed(Instant.parse("2026-06-16T00:00:00Z"), ZoneOffset.UTC);
		PinningTrustManager expired = new PinningTrustManager(s.pki.trustingBothRoots(), PinningPolicy.of(pinSet),
				this.listener, nextDay);
		assertThatNoException().isThrownBy(() -> Handshakes.connect(Transport.SOCKET, expired, "localhost",
				s.rogue.port(), "TLSv1.3"));
		assertThat(this.listener.checks()).containsExactly("localhost:violation:localhost",
				"localhost:expired:localhost");
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("handshakes")
	void unpinnedHostPassesWithPkixOnly(KeyType keyType, String protocol, Transport transport) throws Exception {
		Servers s = servers.get(keyType);
		PinSet otherHost = PinSet.of("other", List.of("other.example.com"),
				List.of(TestPki.pin(s.pki.intermediate()).toString(), TestPki.pin(s.pki.root()).toString()));
		connect(transport, pinning(s.pki, otherHost), s.rogue.port(), protocol);
		assertThat(this.listener.checks()).isEmpty();
	}

	@Test
	void hostnameVerificationStillRunsWhenTheKeyIsPinned() throws Exception {
		TestPki pki = servers.get(KeyType.EC).pki;
		HeldCertificate otherName = pki.leaf(new String[] { "other.test" }, pki.intermediate());
		try (TlsServer server = TlsServer.start(TestPki.serving(otherName, pki.intermediate().certificate()), "x")) {
			PinSet pinSet = PinSet.of("localhost", List.of("localhost"),
					List.of(TestPki.pin(otherName).toString(), TestPki.pin(pki.root()).toString()));
			Throwable failure = catchThrowable(() -> connect(Transport.SOCKET, pinning(pki, pinSet), server.port(),
					"TLSv1.3"));
			assertThat(failure).isInstanceOf(SSLHandshakeException.class)
				.hasRootCauseInstanceOf(CertificateException.class);
			assertThat(causes(failure)).noneMatch(CertificatePinningException.class::isInstance);
			assertThat(this.listener.checks()).isEmpty();
		}
	}

	@Test
	void listenerThatThrowsChangesNoOutcome() throws Exception {
		Servers s = servers.get(KeyType.EC);
		PinningListener failing = new PinningListener() {
			@Override
			public void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
				throw new IllegalStateException("listener failure on check");
			}

			@Override
			public void onViolation(PinningViolation violation) {
				throw new IllegalStateException("listener failure on violation");
			}
		};
		PinningPolicy policy = PinningPolicy.of(enforced(s.pki.intermediate(), s.pki.root()));
		PinningTrustManager trustManager = new PinningTrustManager(s.pki.trustingBothRoots(), policy, failing, NOW);
		assertThatNoException().isThrownBy(
				() -> Handshakes.connect(Transport.SOCKET, trustManager, "localhost", s.genuine.port(), "TLSv1.3"));
		pinningFailure(catchThrowable(
				() -> Handshakes.connect(Transport.SOCKET, trustManager, "localhost", s.rogue.port(), "TLSv1.3")));
	}

	@Test
	void aListenerHearsOfTheViolationBeforeTheOutcomeThatCountsIt() {
		Servers s = servers.get(KeyType.EC);
		List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
		PinningListener inOrder = new PinningListener() {
			@Override
			public void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
				heard.add(outcome.name());
			}

			@Override
			public void onViolation(PinningViolation violation) {
				heard.add("violation of " + violation.host());
			}
		};
		PinningPolicy policy = PinningPolicy.of(enforced(s.pki.intermediate(), s.pki.root()));
		PinningTrustManager trustManager = new PinningTrustManager(s.pki.trustingBothRoots(), policy, inOrder, NOW);
		pinningFailure(catchThrowable(
				() -> Handshakes.connect(Transport.SOCKET, trustManager, "localhost", s.rogue.port(), "TLSv1.3")));
		assertThat(heard).containsExactly("violation of localhost", "VIOLATION");
	}

	@Test
	void twoArgumentCheckKnowsNoHostAndFailsClosedWhileAPinSetIsEnforced() {
		TestPki pki = servers.get(KeyType.EC).pki;
		X509Certificate[] chain = { pki.leaf().certificate(), pki.intermediate().certificate() };
		PinSet pinSet = enforced(pki.intermediate(), pki.root());
		PinningTrustManager enforcing = new PinningTrustManager(pki.trustingBothRoots(), PinningPolicy.of(pinSet),
				this.listener, NOW);
		assertThatExceptionOfType(CertificatePinningException.class)
			.isThrownBy(() -> enforcing.checkServerTrusted(chain, "ECDHE_ECDSA"))
			.withMessageContaining("no peer host was available");
		PinningTrustManager reportOnly = new PinningTrustManager(pki.trustingBothRoots(),
				PinningPolicy.of(pinSet.withMode(PinningMode.REPORT_ONLY)), this.listener, NOW);
		assertThatNoException().isThrownBy(() -> reportOnly.checkServerTrusted(chain, "ECDHE_ECDSA"));
	}

	@Test
	void wrapsEveryX509TrustManagerOnce() {
		TestPki pki = servers.get(KeyType.EC).pki;
		PinningPolicy policy = PinningPolicy.of(enforced(pki.intermediate(), pki.root()));
		javax.net.ssl.TrustManager other = new javax.net.ssl.TrustManager() {
		};
		javax.net.ssl.TrustManager[] wrapped = PinningTrustManager
			.wrap(new javax.net.ssl.TrustManager[] { pki.trustingBothRoots(), other }, policy, this.listener, NOW);
		assertThat(wrapped[0]).isInstanceOf(PinningTrustManager.class);
		assertThat(wrapped[1]).isSameAs(other);
		assertThat(PinningTrustManager.wrap(wrapped, policy, this.listener, NOW)[0]).isSameAs(wrapped[0]);
		assertThat(((PinningTrustManager) wrapped[0]).getAcceptedIssuers())
			.containsExactlyInAnyOrder(pki.root().certificate(), pki.rogueRoot().certificate());
	}

	private void connect(Transport transport, PinningTrustManager trustManager, int port, String protocol)
			throws Exception {
		Handshakes.connect(transport, trustManager, "localhost", port, protocol);
	}

	private PinningTrustManager pinning(TestPki pki, PinSet pinSet) {
		return new PinningTrustManager(pki.trustingBothRoots(), PinningPolicy.of(pinSet), this.listener, NOW);
	}

	private static PinSet enforced(HeldCertificate pinned, HeldCertificate backup) {
		return PinSet.of("localhost", List.of("localhost"),
				List.of(TestPki.pin(pinned).toString(), TestPki.pin(backup).toString()));
	}

	private static CertificatePinningException pinningFailure(Throwable failure) {
		assertThat(failure).as("handshake failure").isNotNull();
		return causes(failure).stream()
			.filter(CertificatePinningException.class::isInstance)
			.map(CertificatePinningException.class::cast)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No CertificatePinningException in the cause chain", failure));
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static final class Servers implements AutoCloseable {

		private final TestPki pki;

		private final TlsServer genuine;

		private final TlsServer rogue;

		private final TlsServer rogueWithGenuineChain;

		Servers(TestPki pki) throws Exception {
			this.pki = pki;
			this.genuine = TlsServer.start(pki.genuineServer(), "genuine");
			this.rogue = TlsServer.start(pki.rogueServer(), "rogue");
			this.rogueWithGenuineChain = TlsServer.start(
					TestPki.serving(pki.rogueLeaf(), pki.intermediate().certificate(), pki.root().certificate()),
					"rogue with genuine chain");
		}

		@Override
		public void close() throws IOException {
			for (TlsServer server : Arrays.asList(this.genuine, this.rogue, this.rogueWithGenuineChain)) {
				server.close();
			}
		}

	}

}
