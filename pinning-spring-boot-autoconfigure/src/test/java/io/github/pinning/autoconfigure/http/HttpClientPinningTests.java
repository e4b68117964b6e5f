package io.github.pinning.autoconfigure.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.jvm.PinningJvmDefaultAutoConfiguration;
import io.github.pinning.test.ClientConfigurations;
import io.github.pinning.test.Failures;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.TrustFiles;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * How pinning takes part in the building of clients: it wraps builders that users define, runs
 * after their customizers, backs off when pinning is off, wraps clients even before any pin
 * set exists, and can pin the JVM default.
 */
class HttpClientPinningTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private static TestPki pki;

	private static TlsServer genuine;

	private static TlsServer rogue;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(ClientConfigurations.PINNED_CLIENTS)
		.withPropertyValues(backends.trustBundle(true));

	@BeforeAll
	static void start() throws Exception {
		pki = backends.pki();
		genuine = backends.genuine();
		rogue = backends.rogue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http-components", "jetty", "reactor", "jdk", "simple" })
	void disabledPinningLeavesEveryClientAsSpringBootBuiltIt(String factory) {
		this.runner.withPropertyValues(pinSet())
			.withPropertyValues("pinning.enabled=false", "spring.http.clients.imperative.factory=" + factory)
			.run((context) -> {
				assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
					.isNotInstanceOf(PinningClientHttpRequestFactoryBuilder.class);
				assertThat(context.getBean(ClientHttpConnectorBuilder.class))
					.isNotInstanceOf(PinningClientHttpConnectorBuilder.class);
				assertThat(get(context.getBean(RestClient.Builder.class), rogue)).isEqualTo("rogue");
			});
	}

	@Test
	void withoutPinSetsEveryClientIsPinnedAndLetsEveryHostThrough() {
		this.runner.run((context) -> {
			assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
				.as("pin sets may be added while running").isInstanceOf(PinningClientHttpRequestFactoryBuilder.class);
			assertThat(context.getBean(ClientHttpConnectorBuilder.class))
				.isInstanceOf(PinningClientHttpConnectorBuilder.class);
			assertThat(get(context.getBean(RestClient.Builder.class), rogue)).isEqualTo("rogue");
		});
	}

	@Test
	void pinsABuilderThatTheUserDefines() {
		this.runner.withPropertyValues(pinSet()).withUserConfiguration(UserBuilder.class).run((context) -> {
			assertThat(context.getBean(ClientHttpRequestFactoryBuilder.class))
				.isInstanceOf(PinningClientHttpRequestFactoryBuilder.class);
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			assertThat(get(builder, genuine)).isEqualTo("genuine");
			assertPinningFailure(() -> get(builder, rogue));
			assertThat(context.getBean(UserBuilder.class).builds).hasPositiveValue();
		});
	}

	@Test
	void usersCustomizersStillApplyAndTheClientIsStillPinned() {
		this.runner.withPropertyValues(pinSet())
			.withPropertyValues("spring.http.clients.imperative.factory=http-components")
			.withUserConfiguration(UserCustomizer.class)
			.run((context) -> {
				RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).build();
				assertThat(restTemplate.getForObject(url(genuine), String.class)).isEqualTo("genuine");
				assertPinningFailure(() -> restTemplate.getForObject(url(rogue), String.class));
				assertThat(context.getBean(UserCustomizer.class).customized).hasPositiveValue();
			});
	}

	@Test
	void reactiveApplicationGetsAPinnedRequestFactoryBuilderThatHonoursTheFactoryProperty() {
		new ReactiveWebApplicationContextRunner().withConfiguration(ClientConfigurations.PINNED_CLIENTS)
			.withPropertyValues(backends.trustBundle(true))
			.withPropertyValues("spring.http.clients.imperative.factory=jdk")
			.withPropertyValues(pinSet())
			.run((context) -> {
				ClientHttpRequestFactoryBuilder<?> builder = context.getBean(ClientHttpRequestFactoryBuilder.class);
				assertThat(builder).isInstanceOf(PinningClientHttpRequestFactoryBuilder.class);
				assertThat(builder.build()).isInstanceOf(JdkClientHttpRequestFactory.class);
				assertPinningFailure(() -> get(context.getBean(RestClient.Builder.class), rogue));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.1", "127.0.1", "2130706433", "127.000.000.001" })
	void aPinnedIpAddressIsPinnedInEverySpellingThatHttpUrlConnectionTakes(String spelling) {
		this.runner
			.withPropertyValues("pinning.pin-sets.ip.hosts=127.0.0.1",
					"pinning.pin-sets.ip.pins=" + TestPki.pin(pki.intermediate()) + "," + TestPki.pin(pki.root()),
					"spring.http.clients.imperative.factory=simple")
			.run((context) -> {
				RestClient client = context.getBean(RestClient.Builder.class).build();
				String genuineUrl = "https://" + spelling + ":" + genuine.port() + "/";
				assertThat(client.get().uri(genuineUrl).retrieve().body(String.class)).isEqualTo("genuine");
				assertPinningFailure(() -> client.get()
					.uri("https://" + spelling + ":" + rogue.port() + "/")
					.retrieve()
					.body(String.class));
			});
	}

	@Test
	void backsOffWithoutSpringBootsHttpClientModule() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class,
					PinningHttpClientAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilder.class, ClientHttpConnectorBuilder.class))
			.withPropertyValues(pinSet())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("pinningClientHttpRequestFactoryBuilderPostProcessor")
				.doesNotHaveBean("pinningClientHttpConnectorBuilderPostProcessor"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "requestFactory(Class)", "requestFactoryBuilder" })
	void aRequestFactoryChosenOnTheRestTemplateBuilderKeepsTheBundleAndItsPins(String how) {
		this.runner.withPropertyValues(pinSet()).run((context) -> {
			RestTemplateBuilder builder = context.getBean(RestTemplateBuilder.class);
			RestTemplateBuilder chosen = how.equals("requestFactoryBuilder")
					? builder.requestFactoryBuilder(ClientHttpRequestFactoryBuilder.jdk())
					: builder.requestFactory(JdkClientHttpRequestFactory.class);
			assertThat(chosen.build().getForObject(url(genuine), String.class)).isEqualTo("genuine");
			assertPinningFailure(() -> chosen.build().getForObject(url(rogue), String.class));
		});
	}

	@Test
	void jvmDefaultPinsClientsBuiltByHandAndIsPutBackOnClose() throws Exception {
		Path jvmTrust = TrustFiles.pkcs12(backends.directory().resolve("jvm-trust.p12"), pki.root(), pki.rogueRoot());
		SSLContext before = SSLContext.getDefault();
		javax.net.ssl.SSLSocketFactory socketFactoryBefore = HttpsURLConnection.getDefaultSSLSocketFactory();
		System.setProperty("javax.net.ssl.trustStore", jvmTrust.toString());
		System.setProperty("javax.net.ssl.trustStorePassword", TrustFiles.PASSWORD);
		try {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class,
						PinningJvmDefaultAutoConfiguration.class))
				.withPropertyValues(pinSet())
				.withPropertyValues("pinning.jvm-default=true")
				.run((context) -> {
					assertThat(SSLContext.getDefault()).isNotSameAs(before);
					assertThat(RestClient.create().get().uri(url(genuine)).retrieve().body(String.class))
						.isEqualTo("genuine");
					assertPinningFailure(() -> RestClient.create().get().uri(url(rogue)).retrieve().body(String.class));
					assertPinningFailure(() -> new RestTemplate().getForObject(url(rogue), String.class));
					assertPinningFailure(() -> HttpClient.newHttpClient()
						.send(HttpRequest.newBuilder(URI.create(url(rogue))).build(), BodyHandlers.ofString()));
				});
		}
		finally {
			System.clearProperty("javax.net.ssl.trustStore");
			System.clearProperty("javax.net.ssl.trustStorePassword");
		}
		assertThat(SSLContext.getDefault()).isSameAs(before);
		assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(socketFactoryBefore);
	}

	@Test
	void theJvmClientCertificateIsStillPresentedWhenTheJvmTrustStoreIsPinned() throws Exception {
		HeldCertificate client = new HeldCertificate.Builder().commonName("client").build();
		Path keyStore = TrustFiles.keyStore(backends.directory().resolve("client.p12"), client);
		Path trustStore = TrustFiles.pkcs12(backends.directory().resolve("jvm-trust-mtls.p12"), pki.root(),
				pki.rogueRoot());
		Map<String, String> properties = Map.of("javax.net.ssl.keyStore", keyStore.toString(),
				"javax.net.ssl.keyStorePassword", TrustFiles.PASSWORD, "javax.net.ssl.keyStoreType", "PKCS12",
				"javax.net.ssl.trustStore", trustStore.toString(), "javax.net.ssl.trustStorePassword",
				TrustFiles.PASSWORD);
		properties.forEach(System::setProperty);
		try (TlsServer mutual = TlsServer.requiringClientCertificate(pki.genuineServer(), "mutual",
				TestPki.trusting(client))) {
			new ApplicationContextRunner().withConfiguration(ClientConfigurations.PINNED_CLIENTS)
				.withPropertyValues(pinSet())
				.withPropertyValues("spring.http.clients.imperative.factory=jdk")
				.run((context) -> {
					RestClient.Builder builder = context.getBean(RestClient.Builder.class);
					assertThat(get(builder, mutual)).isEqualTo("mutual");
					assertPinningFailure(() -> get(builder, rogue));
				});
		}
		finally {
			properties.keySet().forEach(System::clearProperty);
		}
	}

	private static String[] pinSet() {
		return backends.pinSet();
	}

	private static String url(TlsServer server) {
		return TestBackends.url(server);
	}

	private static String get(RestClient.Builder builder, TlsServer server) {
		return builder.build().get().uri(url(server)).retrieve().body(String.class);
	}

	private static void assertPinningFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		Throwable failure = catchThrowable(call);
		assertThat(Failures.isPinningFailure(failure)).as("pinning failure in %s", failure).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBuilder {

		final AtomicInteger builds = new AtomicInteger();

		@Bean
		ClientHttpRequestFactoryBuilder<?> userRequestFactoryBuilder() {
			return ClientHttpRequestFactoryBuilder.jdk().withCustomizer((factory) -> this.builds.incrementAndGet());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizer {

		final AtomicInteger customized = new AtomicInteger();

		@Bean
		ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> userCustomizer() {
			return (builder) -> builder.withCustomizer((factory) -> this.customized.incrementAndGet());
		}

	}

}
