package io.github.pinning.adversarial;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningSslContext;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A client may connect to one name (or an address) and ask for another with SNI; the JDK then
 * verifies the certificate against the SNI name. The pins of every name the client asked for
 * apply, as well as those of the host it connected to, through each client that lets an
 * application set the server names.
 */
class ServerNameTests {

	private static final TestPki pki = TestPki.generate(TestPki.KeyType.EC, "pinned.test", "other.test",
			"localhost");

	private static TlsServer genuine;

	private static TlsServer impostor;

	@BeforeAll
	static void startServers() throws IOException {
		genuine = TlsServer.start(pki.genuineServer(), "genuine");
		impostor = TlsServer.start(pki.rogueServer(), "impostor");
	}

	@AfterAll
	static void stopServers() throws IOException {
		genuine.close();
		impostor.close();
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void theServerNamesPinsApplyOnAConnectionToAnAddress(Client client) throws Exception {
		RecordingListener listener = new RecordingListener();
		PinningTrustManager trustManager = trustManager(listener, "pinned.test");
		client.connect(trustManager, "127.0.0.1", genuine.port(), "pinned.test");
		Throwable failure = catchThrowable(
				() -> client.connect(trustManager, "127.0.0.1", impostor.port(), "pinned.test"));
		assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
		assertThat(listener.checks()).containsExactly("pinned:match:pinned.test", "pinned:violation:pinned.test");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void thePinsOfTheHostAndOfTheServerNameMustBothMatch(Client client) {
		RecordingListener listener = new RecordingListener();
		PinSet host = PinSet.of("host", List.of("127.0.0.1"), TestPki.pins(pki.intermediate(), pki.root()));
		PinSet named = PinSet.of("named", List.of("other.test"), TestPki.pins(pki.rogueRoot()));
		PinningTrustManager trustManager = new PinningTrustManager(pki.trustingBothRoots(),
				PinningPolicy.of(host, named), listener, Clock.systemUTC());
		Throwable failure = catchThrowable(
				() -> client.connect(trustManager, "127.0.0.1", genuine.port(), "other.test"));
		assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
		assertThat(listener.checks()).containsExactly("host:match:127.0.0.1", "named:violation:other.test");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aServerNameThatNamesTheHostIsCheckedOnce(Client client) throws Exception {
		RecordingListener listener = new RecordingListener();
		client.connect(trustManager(listener, "localhost"), "localhost", genuine.port(), "LOCALHOST");
		assertThat(listener.checks()).containsExactly("pinned:match:localhost");
	}

	/**
	 * The JDK keys client sessions by address and port, and resumes a session under the server
	 * names of that session, not those the client set: a session made for an unpinned name is
	 * resumed for a pinned one on the same address. A plain context reaches the impostor so; a
	 * {@link PinningSslContext} checks the session for the name the client set.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void aSessionOfAnotherServerNameIsCheckedForTheNameTheClientSet(String protocol) throws Exception {
		RecordingListener listener = new RecordingListener();
		PinningTrustManager trustManager = trustManager(listener, "pinned.test");
		try (TlsServer resumable = TlsServer.resumable(pki.rogueServer(), "impostor", protocol)) {
			SSLContext plain = Handshakes.sslContext(trustManager);
			Client.connect(plain, "127.0.0.1", resumable.port(), "other.test", protocol);
			assertThatCode(() -> Client.connect(plain, "127.0.0.1", resumable.port(), "pinned.test", protocol))
				.as("resumed by the plain context")
				.doesNotThrowAnyException();
			assertThat(listener.checks()).isEmpty();

			SSLContext pinning = PinningSslContext.of(Handshakes.sslContext(trustManager), trustManager);
			Client.connect(pinning, "127.0.0.1", resumable.port(), "other.test", protocol);
			Throwable failure = catchThrowable(
					() -> Client.connect(pinning, "127.0.0.1", resumable.port(), "pinned.test", protocol));
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
			assertThat(listener.checks()).containsExactly("pinned:violation:pinned.test");
		}
	}

	private static PinningTrustManager trustManager(RecordingListener listener, String host) {
		PinSet pinSet = PinSet.of("pinned", List.of(host), TestPki.pins(pki.root()));
		return new PinningTrustManager(pki.trustingBothRoots(), PinningPolicy.of(pinSet), listener, Clock.systemUTC());
	}

	/** Clients that send an SNI name of the application's choosing, with HTTPS identification. */
	enum Client {

		/** An {@link SSLSocket} whose parameters name the server. */
		SSL_SOCKET {
			@Override
			void connect(PinningTrustManager trustManager, String host, int port, String serverName)
					throws Exception {
				Client.connect(Handshakes.sslContext(trustManager), host, port, serverName, "TLSv1.3");
			}
		},

		/**
		 * The JDK's HTTP client with SSL parameters that name the server; it sends its own SNI
		 * name, the URI's host, unless that is an address.
		 */
		JDK_HTTP_CLIENT {
			@Override
			void connect(PinningTrustManager trustManager, String host, int port, String serverName)
					throws Exception {
				SSLParameters parameters = new SSLParameters();
				parameters.setServerNames(List.of(new SNIHostName(serverName)));
				HttpClient client = HttpClient.newBuilder()
					.sslContext(Handshakes.sslContext(trustManager))
					.sslParameters(parameters)
					.connectTimeout(Duration.ofSeconds(10))
					.build();
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/")).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);
			}
		},

		/** Reactor Netty's HTTP client with {@code serverNames} on its SSL provider. */
		REACTOR_NETTY {
			@Override
			void connect(PinningTrustManager trustManager, String host, int port, String serverName)
					throws Exception {
				io.netty.handler.ssl.SslContext netty = SslContextBuilder.forClient().trustManager(trustManager).build();
				String body = reactor.netty.http.client.HttpClient.create()
					.secure((spec) -> spec.sslContext(netty).serverNames(new SNIHostName(serverName)))
					.responseTimeout(Duration.ofSeconds(10))
					.get()
					.uri("https://" + host + ":" + port + "/")
					.responseContent()
					.aggregate()
					.asString()
					.block(Duration.ofSeconds(20));
				assertThat(body).isNotEmpty();
			}
		};

		abstract void connect(PinningTrustManager trustManager, String host, int port, String serverName)
				throws Exception;

		/** An {@link SSLSocket} handshake and request, from a context that may resume sessions. */
		static void connect(SSLContext context, String host, int port, String serverName, String protocol)
				throws IOException {
			try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
					SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
				socket.setSoTimeout(10_000);
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				parameters.setServerNames(List.of(new SNIHostName(serverName)));
				parameters.setProtocols(new String[] { protocol });
				socket.setSSLParameters(parameters);
				socket.startHandshake();
				socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				socket.getInputStream().readAllBytes();
			}
		}

	}

}
