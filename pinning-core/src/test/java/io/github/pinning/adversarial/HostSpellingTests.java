package io.github.pinning.adversarial;

import java.time.Clock;
import java.util.List;

import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * No spelling of a pinned host reaches a server without the pin check: through a real socket
 * handshake whose peer host is spelled as given, the impostor is refused by pinning and the
 * genuine server is reached after a matching check. Hosts that no pattern covers are PKIX-only,
 * as designed, which shows that no pattern reaches beyond what it says.
 */
class HostSpellingTests {

	private static final String[] NAMES = { "localhost", "xn--bcher-kva.example", "127.0.0.1", "::1", "api.wild.test",
			"wild.test", "a.b.wild.test", "deep.test", "x.deep.test", "a.b.c.deep.test", "deep.test.evil.test",
			"localhost.evil.test", "localhost.example" };

	private static TestPki pki;

	private static TlsServer genuine;

	private static TlsServer rogue;

	private final RecordingListener listener = new RecordingListener();

	@BeforeAll
	static void start() throws Exception {
		pki = TestPki.generate(TestPki.KeyType.EC, NAMES);
		genuine = TlsServer.start(pki.genuineServer(), "genuine");
		rogue = TlsServer.start(pki.rogueServer(), "rogue");
	}

	@AfterAll
	static void stop() throws Exception {
		genuine.close();
		rogue.close();
	}

	private PinningTrustManager trustManager() {
		List<String> pins = TestPki.pins(pki.intermediate(), pki.root());
		PinningPolicy policy = PinningPolicy.of(
				PinSet.of("exact", List.of("localhost", "bücher.example", "127.0.0.1", "[::1]"), pins),
				PinSet.of("wild", List.of("*.wild.test"), pins), PinSet.of("deep", List.of("**.deep.test"), pins));
		return new PinningTrustManager(pki.trustingBothRoots(), policy, this.listener, Clock.systemUTC());
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			localhost,                 exact
			LOCALHOST,                 exact
			LocalHost,                 exact
			localhost.,                exact
			xn--bcher-kva.example,     exact
			XN--BCHER-KVA.EXAMPLE,     exact
			bücher.example,            exact
			BÜCHER.example,            exact
			127.0.0.1,                 exact
			127.1,                     exact
			127.0.1,                   exact
			2130706433,                exact
			127.000.000.001,           exact
			0127.0.0.01,               exact
			::ffff:127.0.0.1,          exact
			[::ffff:7f00:1],           exact
			::1,                       exact
			0000:0000::0001,           exact
			0:0:0:0:0:0:0:1,           exact
			[::1],                     exact
			api.wild.test,             wild
			API.Wild.Test.,            wild
			x.deep.test,               deep
			deep.test,                 deep
			a.b.c.deep.test,           deep
			A.B.C.DEEP.TEST,           deep
			""")
	void everySpellingOfAPinnedHostIsChecked(String host, String pinSet) {
		PinningTrustManager trustManager = trustManager();
		Throwable impostor = catchThrowable(
				() -> Handshakes.connect(Transport.SOCKET, trustManager, host, rogue.port(), "TLSv1.3"));
		assertThat(Failures.isPinningFailure(impostor)).as("the impostor reached as %s: %s", host, impostor)
			.isTrue();
		assertThat(catchThrowable(
				() -> Handshakes.connect(Transport.SOCKET, trustManager, host, genuine.port(), "TLSv1.3")))
			.as("the genuine server reached as %s", host)
			.isNull();
		assertThat(this.listener.checks()).containsExactly(pinSet + ":violation:" + host, pinSet + ":match:" + host);
	}

	// The JDK's HTTP client refuses URIs with 127.1 and 127.0.1; HttpURLConnection takes them
	// (see HttpClientPinningTests).
	@ParameterizedTest(name = "{0} through an engine")
	@CsvSource({ "2130706433", "127.000.000.001", "0127.0.0.01" })
	void everySpellingOfAPinnedIpv4AddressIsCheckedThroughAnEngine(String host) {
		PinningTrustManager trustManager = trustManager();
		Throwable impostor = catchThrowable(
				() -> Handshakes.connect(Transport.ENGINE, trustManager, host, rogue.port(), "TLSv1.3"));
		assertThat(Failures.isPinningFailure(impostor)).as("the impostor reached as %s: %s", host, impostor)
			.isTrue();
		assertThat(catchThrowable(
				() -> Handshakes.connect(Transport.ENGINE, trustManager, host, genuine.port(), "TLSv1.3")))
			.as("the genuine server reached as %s", host)
			.isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "wild.test", "a.b.wild.test", "deep.test.evil.test", "localhost.evil.test", "localhost.example" })
	void hostsNoPatternCoversArePkixOnly(String host) throws Exception {
		Handshakes.connect(Transport.SOCKET, trustManager(), host, rogue.port(), "TLSv1.3");
		assertThat(this.listener.checks()).isEmpty();
	}

}
