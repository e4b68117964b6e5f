package io.github.pinning.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.github.pinning.PinSet;
import io.github.pinning.PinningHostnameVerifier;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningSslContext;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * "Without Spring" (docs/without-spring.md): the core alone pins the JDK's {@link HttpClient}, an OkHttp
 * client and a Reactor Netty client. Each reaches the genuine server and refuses an impostor
 * whose certificate comes from a CA that the client trusts.
 */
class WithoutSpringTests {

	private static final TestPki pki = TestPki.localhost();

	private static TlsServer genuine;

	private static TlsServer impostor;

	@BeforeAll
	static void start() throws Exception {
		genuine = TlsServer.start(pki.genuineServer(), "genuine");
		impostor = TlsServer.start(pki.rogueServer(), "impostor");
	}

	@AfterAll
	static void stop() throws Exception {
		genuine.close();
		impostor.close();
	}

	/** The trust store: here one that trusts both CAs, as a trust store with a rogue CA would. */
	private static TrustManager[] trustStore() throws GeneralSecurityException, IOException {
		KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
		keyStore.load(null, null);
		keyStore.setCertificateEntry("root", pki.root().certificate());
		keyStore.setCertificateEntry("rogue", pki.rogueRoot().certificate());
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(keyStore);
		return factory.getTrustManagers();
	}

	private static TrustManager[] pinnedTrustManagers() throws GeneralSecurityException, IOException {
		PinningPolicy policy = PinningPolicy.of(PinSet.of("local", List.of("localhost"),
				TestPki.pins(pki.intermediate(), pki.root())));
		return PinningTrustManager.wrap(trustStore(), policy, PinningListener.NONE, Clock.systemUTC());
	}

	private static String url(TlsServer server) {
		return "https://localhost:" + server.port() + "/";
	}

	@Test
	void jdkHttpClient() throws Exception {
		TrustManager[] trustManagers = pinnedTrustManagers();
		SSLContext plain = SSLContext.getInstance("TLS");
		plain.init(null, trustManagers, null);
		SSLContext context = PinningSslContext.of(plain, (PinningTrustManager) trustManagers[0]);
		HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url(genuine))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).isEqualTo("genuine");
		Throwable refused = catchThrowable(() -> client
			.send(HttpRequest.newBuilder(URI.create(url(impostor))).build(), HttpResponse.BodyHandlers.ofString()));
		assertThat(Failures.isPinningFailure(refused)).as("%s", refused).isTrue();
	}

	@Test
	void okHttpClient() throws Exception {
		TrustManager[] trustManagers = pinnedTrustManagers();
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers, null);
		PinningTrustManager trustManager = (PinningTrustManager) trustManagers[0];
		OkHttpClient.Builder builder = new OkHttpClient.Builder();
		OkHttpClient client = builder.sslSocketFactory(context.getSocketFactory(), trustManager)
			.hostnameVerifier(new PinningHostnameVerifier(builder.build().hostnameVerifier(), trustManager))
			.build();
		try (Response response = client.newCall(new Request.Builder().url(url(genuine)).build()).execute()) {
			assertThat(response.body().string()).isEqualTo("genuine");
		}
		Throwable refused = catchThrowable(
				() -> client.newCall(new Request.Builder().url(url(impostor)).build()).execute().close());
		assertThat(Failures.isPinningFailure(refused)).as("%s", refused).isTrue();
	}

	@Test
	void reactorNettyHttpClient() throws Exception {
		SslContext netty = SslContextBuilder.forClient().trustManager(pinnedTrustManagers()[0]).build();
		reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient.create()
			.secure((spec) -> spec.sslContext(netty));
		assertThat(client.get().uri(url(genuine)).responseContent().aggregate().asString().block(Duration.ofSeconds(20)))
			.isEqualTo("genuine");
		Throwable refused = catchThrowable(() -> client.get()
			.uri(url(impostor))
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(20)));
		assertThat(Failures.isPinningFailure(refused)).as("%s", refused).isTrue();
	}

}
