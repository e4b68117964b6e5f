package io.github.pinning.integration;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.jvm.JvmDefaultTrustProvider;
import io.github.pinning.autoconfigure.jvm.PinningJvmDefaultAutoConfiguration;
import io.github.pinning.test.Failures;
import io.github.pinning.test.JvmTrustStore;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * With {@code pinning.jvm-default=true}, clients that an application builds by hand, outside
 * Spring Boot, each against the genuine server, an impostor from a CA the JVM trusts, and an
 * impostor that appends the genuine chain to its own leaf. The JVM trusts both roots, so PKIX
 * accepts all three: only pinning refuses the impostors.
 */
class JvmDefaultClientsTests {

	private static final TestPki pki = TestPki.localhost();

	@RegisterExtension
	static final JvmTrustStore jvmTrust = JvmTrustStore.trusting(pki.root(), pki.rogueRoot());

	private static TlsServer genuine;

	private static TlsServer impostor;

	private static TlsServer appendedChain;

	private static ConfigurableApplicationContext application;

	@BeforeAll
	static void start() throws Exception {
		genuine = TlsServer.start(pki.genuineServer(), "genuine");
		impostor = TlsServer.start(pki.rogueServer(), "impostor");
		appendedChain = TlsServer.start(TestPki.serving(pki.rogueLeaf(), pki.intermediate().certificate(),
				pki.root().certificate()), "impostor with the genuine chain");
		application = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("pinning.pin-sets.local.hosts=localhost",
					"pinning.pin-sets.local.pins=" + TestPki.pin(pki.intermediate()) + "," + TestPki.pin(pki.root()),
					"pinning.jvm-default=true")
			.run();
	}

	@AfterAll
	static void stop() throws Exception {
		application.close();
		genuine.close();
		impostor.close();
		appendedChain.close();
	}

	@ParameterizedTest
	@EnumSource
	void theGenuineServerIsAccepted(Client client) throws Exception {
		assertThat(client.fetch(genuine)).contains("genuine");
	}

	@ParameterizedTest
	@EnumSource
	void anImpostorFromATrustedCaIsRefused(Client client) {
		assertPinningFailure(client, impostor);
	}

	@ParameterizedTest
	@EnumSource
	void anImpostorThatAppendsTheGenuineChainIsRefused(Client client) {
		assertPinningFailure(client, appendedChain);
	}

	/**
	 * The clients of the JVM's default {@code SSLContext} share its session cache: after a
	 * change of pins, a session cached under the old ones must not be resumed.
	 */
	@ParameterizedTest
	@EnumSource(names = { "JDK_HTTP_CLIENT", "HTTPS_URL_CONNECTION", "SSL_SOCKET_FACTORY_DEFAULT", "REACTOR_NETTY_HTTP_CLIENT",
			"REST_CLIENT_WITH_REACTOR_NETTY" })
	void aSessionOfTheDefaultContextIsNotResumedAfterAChangeOfPins(Client client) throws Exception {
		LivePinningPolicy policy = application.getBean(LivePinningPolicy.class);
		PinningPolicy original = policy.get();
		RecordingListener listener = application.getBean(RecordingListener.class);
		try (TlsServer resumable = TlsServer.resumable(pki.genuineServer(), "genuine")) {
			int checks = listener.checks().size();
			assertThat(client.fetch(resumable)).contains("genuine");
			assertThat(client.fetch(resumable)).contains("genuine");
			assertThat(listener.checks()).as("the second connection resumed the first session").hasSize(checks + 1);
			policy.replace(PinningPolicy.of(PinSet.of("local", List.of("localhost"),
					List.of(TestPki.pin(pki.rogueLeaf()).toString(), TestPki.pin(pki.rogueRoot()).toString()))),
					"a test", Instant.now());
			assertPinningFailure(client, resumable);
		}
		finally {
			policy.replace(original, "the test's end", Instant.now());
		}
	}

	@Test
	void theSecurityProviderIsFirstWhileTheApplicationRuns() {
		assertThat(Security.getProviders()[0].getName()).isEqualTo(JvmDefaultTrustProvider.NAME);
	}

	private static void assertPinningFailure(Client client, TlsServer server) {
		Throwable failure = catchThrowable(() -> client.fetch(server));
		assertThat(failure).as(client + " against " + server).isNotNull();
		assertThat(Failures.isPinningFailure(failure)).as("CertificatePinningException in the cause chain of %s", failure)
			.isTrue();
	}

	private static String url(TlsServer server) {
		return "https://localhost:" + server.port() + "/";
	}

	/**
	 * A client built by hand, as an application would, with nothing from Spring Boot.
	 */
	enum Client {

		REST_CLIENT_CREATE {
			@Override
			String fetch(TlsServer server) {
				return RestClient.create().get().uri(url(server)).retrieve().body(String.class);
			}
		},

		REST_CLIENT_WITH_REACTOR_NETTY {
			@Override
			String fetch(TlsServer server) {
				return RestClient.builder()
					.requestFactory(new ReactorClientHttpRequestFactory())
					.build()
					.get()
					.uri(url(server))
					.retrieve()
					.body(String.class);
			}
		},

		REACTOR_NETTY_HTTP_CLIENT {
			@Override
			String fetch(TlsServer server) {
				return reactor.netty.http.client.HttpClient.create()
					.get()
					.uri(url(server))
					.responseContent()
					.aggregate()
					.asString()
					.block(java.time.Duration.ofSeconds(30));
			}
		},

		/** Reactor Netty given an SSL context of Netty's own that names no trust: the JVM's default. */
		REACTOR_NETTY_WITH_ITS_OWN_SSL_CONTEXT {
			@Override
			String fetch(TlsServer server) throws Exception {
				io.netty.handler.ssl.SslContext context = io.netty.handler.ssl.SslContextBuilder.forClient().build();
				return reactor.netty.http.client.HttpClient.create()
					.secure((spec) -> spec.sslContext(context))
					.get()
					.uri(url(server))
					.responseContent()
					.aggregate()
					.asString()
					.block(java.time.Duration.ofSeconds(30));
			}
		},

		OKHTTP {
			@Override
			String fetch(TlsServer server) throws Exception {
				try (Response response = new OkHttpClient().newCall(new Request.Builder().url(url(server)).build())
					.execute()) {
					return response.body().string();
				}
			}
		},

		APACHE_HTTP_CLIENT_5 {
			@Override
			String fetch(TlsServer server) throws Exception {
				try (CloseableHttpClient client = HttpClients.createDefault()) {
					return client.execute(new HttpGet(url(server)), (response) -> EntityUtils.toString(response.getEntity()));
				}
			}
		},

		JDK_HTTP_CLIENT {
			@Override
			String fetch(TlsServer server) throws Exception {
				return HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(url(server))).build(), BodyHandlers.ofString())
					.body();
			}
		},

		HTTPS_URL_CONNECTION {
			@Override
			String fetch(TlsServer server) throws Exception {
				HttpsURLConnection connection = (HttpsURLConnection) new URL(url(server)).openConnection();
				try (InputStream body = connection.getInputStream()) {
					return new String(body.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
		},

		SSL_SOCKET_FACTORY_DEFAULT {
			@Override
			String fetch(TlsServer server) throws Exception {
				return fetchOver((SSLSocketFactory) SSLSocketFactory.getDefault(), server);
			}
		},

		/** A new instance of the {@code Default} context, which is not the one {@code getDefault()} returns. */
		SSL_CONTEXT_INSTANCE_DEFAULT {
			@Override
			String fetch(TlsServer server) throws Exception {
				return fetchOver(SSLContext.getInstance("Default").getSocketFactory(), server);
			}
		};

		private static String fetchOver(SSLSocketFactory factory, TlsServer server) throws Exception {
			try (SSLSocket socket = (SSLSocket) factory.createSocket("localhost", server.port())) {
				socket.startHandshake();
				socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
		}

		abstract String fetch(TlsServer server) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, PinningAutoConfiguration.class,
			PinningJvmDefaultAutoConfiguration.class })
	static class Application {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
