package io.github.pinning.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.Security;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import io.github.pinning.PinningViolation;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.jvm.JvmDefaultTrustProvider;
import io.github.pinning.autoconfigure.jvm.PinningJvmDefaultAutoConfiguration;
import io.github.pinning.test.Backends;
import io.github.pinning.test.Failures;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code pinning.jvm-default} from before the first bean: clients that an application builds
 * while its beans are created take the pinned default, a violation made then is recorded, and
 * several application contexts share one installation, the last to close putting the JVM's
 * defaults back.
 */
class JvmDefaultStartUpTests {

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	@Test
	void clientsBuiltWhileTheBeansAreCreatedArePinned() throws Exception {
		try (ConfigurableApplicationContext application = start(StartUpClients.class, backends.pinSet("local"))) {
			StartUpClients clients = application.getBean(StartUpClients.class);
			assertThat(jdk(clients.jdk, backends.genuine())).contains("genuine");
			assertThat(okHttp(clients.okHttp, backends.genuine())).contains("genuine");
			assertThat(get(clients.restClient, backends.genuine())).contains("genuine");
			assertPinningFailure(() -> jdk(clients.jdk, backends.impostor()));
			assertPinningFailure(() -> okHttp(clients.okHttp, backends.impostor()));
			assertPinningFailure(() -> get(clients.restClient, backends.impostor()));
		}
	}

	@Test
	void aViolationWhileTheBeansAreCreatedReachesTheListeners() {
		try (ConfigurableApplicationContext application = start(StartUpCall.class, backends.pinSet("local"))) {
			StartUpCall call = application.getBean(StartUpCall.class);
			assertThat(Failures.isPinningFailure(call.failure)).as("the start-up call failed for pinning: %s", call.failure)
				.isTrue();
			assertThat(application.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
				.containsExactly(backends.impostor().port());
		}
	}

	@Test
	void contextsShareOneInstallationAndTheLastToClosePutsTheDefaultsBack() throws Exception {
		SSLContext original = SSLContext.getDefault();
		SSLSocketFactory originalSocketFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
		ConfigurableApplicationContext first = start(StartUpClients.class, backends.pinSet("local"));
		ConfigurableApplicationContext second = start(StartUpClients.class, impostorPins());
		try {
			SSLContext pinned = SSLContext.getDefault();
			assertThat(pinned).isNotSameAs(original);
			assertPinningFailure(() -> jdk(HttpClient.newHttpClient(), backends.impostor()));
			first.close();
			assertThat(Security.getProviders()[0].getName()).isEqualTo(JvmDefaultTrustProvider.NAME);
			assertThat(SSLContext.getDefault()).as("the second context still pins the default").isSameAs(pinned);
			assertThat(jdk(HttpClient.newHttpClient(), backends.impostor())).as("the second context's pins took over")
				.contains("impostor");
			assertPinningFailure(() -> jdk(HttpClient.newHttpClient(), backends.genuine()));
		}
		finally {
			first.close();
			second.close();
		}
		assertThat(SSLContext.getDefault()).isSameAs(original);
		assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(originalSocketFactory);
		assertThat(Security.getProvider(JvmDefaultTrustProvider.NAME)).isNull();
	}

	private static ConfigurableApplicationContext start(Class<?> beans, String... pinSet) {
		return new SpringApplicationBuilder(beans, Application.class).web(WebApplicationType.NONE)
			.properties(pinSet)
			.properties("pinning.jvm-default=true")
			.run();
	}

	private static String[] impostorPins() {
		TestPki pki = backends.pki();
		return new String[] { "pinning.pin-sets.local.hosts=localhost",
				"pinning.pin-sets.local.pins=" + TestPki.pin(pki.rogueLeaf()) + "," + TestPki.pin(pki.rogueRoot()) };
	}

	private static String jdk(HttpClient client, TlsServer server) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(Backends.url(server))).build(), BodyHandlers.ofString())
			.body();
	}

	private static String get(RestClient client, TlsServer server) {
		return client.get().uri(Backends.url(server)).retrieve().body(String.class);
	}

	private static String okHttp(OkHttpClient client, TlsServer server) throws Exception {
		try (Response response = client.newCall(new Request.Builder().url(Backends.url(server)).build()).execute()) {
			return response.body().string();
		}
	}

	private static void assertPinningFailure(ThrowingCallable call) {
		Throwable failure = catchThrowable(call::call);
		assertThat(failure).isNotNull();
		assertThat(Failures.isPinningFailure(failure)).as("CertificatePinningException in the cause chain of %s", failure)
			.isTrue();
	}

	@FunctionalInterface
	interface ThrowingCallable {

		Object call() throws Exception;

	}

	/**
	 * An application's bean that builds its clients in its constructor, as libraries do,
	 * before any bean of the starter exists.
	 */
	static class StartUpClients {

		final HttpClient jdk = HttpClient.newHttpClient();

		final OkHttpClient okHttp = new OkHttpClient();

		final RestClient restClient = RestClient.create();

	}

	/**
	 * An application's bean that calls the impostor while it is created.
	 */
	static class StartUpCall {

		final Throwable failure = catchThrowable(() -> jdk(HttpClient.newHttpClient(), backends.impostor()));

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
