package io.github.pinning.adversarial;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningHostnameVerifier;
import io.github.pinning.PinningMode;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.ServerCertificates;
import io.github.pinning.test.TestPki;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Connections that a client uses without a handshake that checks them: OkHttp's HTTP/2
 * connection coalescing (a connection made for one host, reused for another that the
 * certificate also names, on the same address) and TLS session resumption after a change of
 * pins. With OkHttp wired as the README shows, through {@link PinningHostnameVerifier}, neither
 * reaches a pinned host unchecked; with OkHttp's own verifier both did (the impostor answered).
 * The JDK's {@code HttpClient}, Reactor Netty, Jetty's client and Apache HttpClient 5's
 * asynchronous client key their HTTP/2 connections by host, so a connection made for one name
 * is never used for another on the same address.
 */
class ConnectionReuseTests {

	private static final TestPki pki = TestPki.generate(TestPki.KeyType.EC, "unpinned.test", "pinned.test");

	@Test
	void anHttp2ConnectionOfAnUnpinnedHostIsNotUsedForAPinnedHostItsCertificateNames() throws Exception {
		RecordingListener listener = new RecordingListener();
		PinningTrustManager trustManager = new PinningTrustManager(pki.trustingBothRoots(),
				PinningPolicy.of(PinSet.of("pinned", List.of("pinned.test"), TestPki.pins(pki.root()))), listener,
				Clock.systemUTC());
		try (MockWebServer impostor = http2(pki.rogueServer(), 2)) {
			OkHttpClient client = client(trustManager, impostor);
			try (Response response = get(client, "unpinned.test", impostor)) {
				assertThat(response.protocol()).isEqualTo(Protocol.HTTP_2);
				assertThat(response.body().string()).isEqualTo("answer");
			}
			Throwable failure = catchThrowable(() -> get(client, "pinned.test", impostor).close());
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
			assertThat(listener.checks()).containsExactly("pinned:violation:pinned.test");
		}
	}

	@Test
	void aCertificateThatNamesAPinnedHostIsNoViolationForTheHostItServes() throws Exception {
		TestPki wildcard = TestPki.generate(TestPki.KeyType.EC, "*.example.test");
		RecordingListener listener = new RecordingListener();
		PinSet api = PinSet.of("api", List.of("api.example.test"), TestPki.pins(pki.root()));
		PinningTrustManager trustManager = new PinningTrustManager(wildcard.trustingBothRoots(),
				PinningPolicy.of(api), listener, Clock.systemUTC());
		try (MockWebServer www = http2(wildcard.genuineServer(), 2)) {
			OkHttpClient client = client(trustManager, www);
			try (Response response = get(client, "www.example.test", www)) {
				assertThat(response.body().string()).isEqualTo("answer");
			}
			assertThat(listener.checks()).isEmpty();
			assertThat(listener.violations()).isEmpty();
			Throwable failure = catchThrowable(() -> get(client, "api.example.test", www).close());
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
			assertThat(listener.checks()).containsExactly("api:violation:api.example.test");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor-netty", "jetty", "apache-httpclient" })
	void clientsThatKeyConnectionsByHostNeverCoalesceAcrossHosts(String clientName) throws Exception {
		TestPki local = TestPki.generate(TestPki.KeyType.EC, "localhost", "127.0.0.1");
		RecordingListener listener = new RecordingListener();
		PinningTrustManager trustManager = new PinningTrustManager(local.trustingBothRoots(),
				PinningPolicy.of(PinSet.of("pinned", List.of("localhost"), TestPki.pins(local.root()))), listener,
				Clock.systemUTC());
		try (MockWebServer impostor = http2(local.rogueServer(), 2);
				Http2Client client = http2Client(clientName, trustManager)) {
			assertThat(client.get("https://127.0.0.1:" + impostor.getPort() + "/")).isEqualTo("answer");
			Throwable failure = catchThrowable(() -> client.get("https://localhost:" + impostor.getPort() + "/"));
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
			assertThat(listener.checks()).containsExactly("pinned:violation:localhost");
		}
	}

	@Test
	void aSessionResumedAfterAChangeOfPinsIsCheckedAgain() throws Exception {
		RecordingListener listener = new RecordingListener();
		PinSet reportOnly = PinSet.of("pinned", List.of("pinned.test"), TestPki.pins(pki.root()))
			.withMode(PinningMode.REPORT_ONLY);
		LivePinningPolicy policy = LivePinningPolicy.of(PinningPolicy.of(reportOnly));
		PinningTrustManager trustManager = new PinningTrustManager(pki.trustingBothRoots(), policy, listener,
				Clock.systemUTC());
		try (MockWebServer impostor = http2(pki.rogueServer(), 2)) {
			OkHttpClient client = client(trustManager, impostor);
			try (Response response = get(client, "pinned.test", impostor)) {
				assertThat(response.body().string()).isEqualTo("answer");
			}
			policy.replace(PinningPolicy.of(reportOnly.withMode(PinningMode.ENFORCE)), "test", Instant.now());
			client.connectionPool().evictAll();
			Throwable failure = catchThrowable(() -> get(client, "pinned.test", impostor).close());
			// No certificate in a resumed handshake: the verifier refused it, not the trust manager.
			assertThat(failure).as("the resumed session was refused").hasMessageContaining("not verified");
			assertThat(listener.checks()).containsExactly("pinned:violation:pinned.test",
					"pinned:violation:pinned.test");
			assertThat(listener.violations()).extracting((violation) -> violation.mode())
				.containsExactly(PinningMode.REPORT_ONLY, PinningMode.ENFORCE);
		}
	}

	/** An HTTP/2 client that keeps its connections, as an application's client does. */
	@FunctionalInterface
	interface Http2Client extends AutoCloseable {

		String get(String url) throws Exception;

		@Override
		default void close() throws Exception {
		}

	}

	private static Http2Client http2Client(String name, PinningTrustManager trustManager) throws Exception {
		return switch (name) {
			case "jdk" -> jdk(trustManager);
			case "reactor-netty" -> reactorNetty(trustManager);
			case "jetty" -> jetty(trustManager);
			case "apache-httpclient" -> apacheHttpClient(trustManager);
			default -> throw new IllegalArgumentException(name);
		};
	}

	private static Http2Client jdk(PinningTrustManager trustManager) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_2)
			.sslContext(Handshakes.sslContext(trustManager))
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		return (url) -> {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
			return response.body();
		};
	}

	private static Http2Client reactorNetty(PinningTrustManager trustManager) {
		reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient.create()
			.protocol(HttpProtocol.H2)
			.secure((spec) -> spec.sslContext(Http2SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(trustManager))))
			.responseTimeout(Duration.ofSeconds(10));
		return (url) -> client.get().uri(url).responseContent().aggregate().asString().block(Duration.ofSeconds(20));
	}

	/** Jetty's client over its HTTP/2 transport (ALPN through the JDK). */
	private static Http2Client jetty(PinningTrustManager trustManager) throws Exception {
		SslContextFactory.Client ssl = new SslContextFactory.Client();
		ssl.setSslContext(Handshakes.sslContext(trustManager));
		ClientConnector connector = new ClientConnector();
		connector.setSslContextFactory(ssl);
		org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient(
				new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
		client.start();
		return new Http2Client() {

			@Override
			public String get(String url) throws Exception {
				ContentResponse response = client.newRequest(url).timeout(10, TimeUnit.SECONDS).send();
				assertThat(response.getVersion()).isEqualTo(HttpVersion.HTTP_2);
				return response.getContentAsString();
			}

			@Override
			public void close() throws Exception {
				client.stop();
			}

		};
	}

	/** Apache HttpClient 5's asynchronous HTTP/2 client. */
	private static Http2Client apacheHttpClient(PinningTrustManager trustManager) {
		CloseableHttpAsyncClient client = HttpAsyncClients.customHttp2()
			.setTlsStrategy(
					ClientTlsStrategyBuilder.create().setSslContext(Handshakes.sslContext(trustManager)).buildAsync())
			.build();
		client.start();
		return new Http2Client() {

			@Override
			public String get(String url) throws Exception {
				SimpleHttpResponse response = client.execute(SimpleRequestBuilder.get(url).build(), null)
					.get(20, TimeUnit.SECONDS);
				assertThat(response.getVersion()).isEqualTo(org.apache.hc.core5.http.HttpVersion.HTTP_2);
				return response.getBodyText();
			}

			@Override
			public void close() throws Exception {
				client.close();
			}

		};
	}

	/** An HTTP/2 server (ALPN) on loopback that answers a number of requests. */
	private static MockWebServer http2(ServerCertificates certificates, int answers) throws IOException {
		MockWebServer server = new MockWebServer();
		server.useHttps(certificates.sslContext().getSocketFactory());
		server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
		for (int i = 0; i < answers; i++) {
			server.enqueue(new MockResponse.Builder().body("answer").build());
		}
		server.start(InetAddress.getLoopbackAddress(), 0);
		return server;
	}

	/** OkHttp as the README wires it, with every test host resolved to the server's address. */
	private static OkHttpClient client(PinningTrustManager trustManager, MockWebServer server) {
		SSLContext context = Handshakes.sslContext(trustManager);
		OkHttpClient.Builder builder = new OkHttpClient.Builder();
		return builder.sslSocketFactory(context.getSocketFactory(), trustManager)
			.hostnameVerifier(new PinningHostnameVerifier(builder.build().hostnameVerifier(), trustManager))
			.dns(new Dns() {
				@Override
				public List<InetAddress> lookup(String hostname) {
					return List.of(server.getSocketAddress().getAddress());
				}
			})
			.build();
	}

	private static Response get(OkHttpClient client, String host, MockWebServer server) throws IOException {
		return client.newCall(new Request.Builder().url("https://" + host + ":" + server.getPort() + "/").build())
			.execute();
	}

}
