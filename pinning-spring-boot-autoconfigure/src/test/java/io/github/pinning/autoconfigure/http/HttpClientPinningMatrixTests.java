package io.github.pinning.autoconfigure.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.pinning.test.ClientConfigurations;
import io.github.pinning.test.Failures;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TrustFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientSsl;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientSsl;
import org.springframework.context.ApplicationContext;
import org.springframework.util.function.ThrowingConsumer;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every client Spring Boot builds, through every request factory and connector, in every kind
 * of application, with a named bundle and with the JVM's default trust store: a genuine pinned
 * server answers, and a server whose certificate comes from a rogue CA that the client trusts is
 * refused with a {@code CertificatePinningException}, whether it sends the rogue chain alone or
 * followed by the genuine pinned certificates (CVE-2016-2402) or signed with the key of an
 * ordinary certificate of the pinned intermediate, and whatever the case of the host in the URL.
 */
class HttpClientPinningMatrixTests {

	static final List<String> IMPERATIVE_FACTORIES = List.of("http-components", "jetty", "reactor", "jdk", "simple");

	static final List<String> REACTIVE_CONNECTORS = List.of("reactor", "jetty", "http-components", "jdk");

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	enum AppType {

		SERVLET, REACTIVE, NONE

	}

	enum Trust {

		/** A named PEM bundle with a private CA. */
		BUNDLE,

		/** The JVM's default trust store, set through {@code javax.net.ssl.trustStore}. */
		JVM_DEFAULT

	}

	enum Client {

		REST_TEMPLATE_BUILDER(true, false), REST_CLIENT_BUILDER(true, false), REST_CLIENT_SSL(true, true),
		REST_TEMPLATE_SSL_BUNDLE(true, true), WEB_CLIENT_BUILDER(false, false), WEB_CLIENT_SSL(false, true);

		final boolean imperative;

		final boolean namesItsBundle;

		Client(boolean imperative, boolean namesItsBundle) {
			this.imperative = imperative;
			this.namesItsBundle = namesItsBundle;
		}

		boolean isRestTemplate() {
			return this == REST_TEMPLATE_BUILDER || this == REST_TEMPLATE_SSL_BUNDLE;
		}

	}

	@BeforeAll
	static void start() throws Exception {
		TestPki pki = backends.pki();
		Path jvmTrust = TrustFiles.pkcs12(backends.directory().resolve("trust.p12"), pki.root(), pki.rogueRoot());
		System.setProperty("javax.net.ssl.trustStore", jvmTrust.toString());
		System.setProperty("javax.net.ssl.trustStorePassword", TrustFiles.PASSWORD);
		System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
	}

	@AfterAll
	static void stop() throws Exception {
		System.clearProperty("javax.net.ssl.trustStore");
		System.clearProperty("javax.net.ssl.trustStorePassword");
		System.clearProperty("javax.net.ssl.trustStoreType");
	}

	@TestFactory
	Stream<DynamicTest> matrix() {
		List<DynamicTest> cells = new ArrayList<>();
		for (AppType appType : AppType.values()) {
			for (Client client : Client.values()) {
				if (client.isRestTemplate() && appType == AppType.REACTIVE) {
					continue; // Spring Boot configures no RestTemplateBuilder there.
				}
				for (String factory : client.imperative ? IMPERATIVE_FACTORIES : REACTIVE_CONNECTORS) {
					for (Trust trust : Trust.values()) {
						if (client.namesItsBundle && trust == Trust.JVM_DEFAULT) {
							continue;
						}
						String name = appType + " " + client + " " + factory + " " + trust;
						cells.add(DynamicTest.dynamicTest(name, () -> cell(appType, client, factory, trust)));
					}
				}
			}
		}
		return cells.stream();
	}

	private void cell(AppType appType, Client client, String factory, Trust trust) {
		List<String> properties = new ArrayList<>(List.of(backends.pinSet()));
		properties.add(client.imperative ? "spring.http.clients.imperative.factory=" + factory
				: "spring.http.clients.reactive.connector=" + factory);
		if (trust == Trust.BUNDLE) {
			properties.addAll(List.of(backends.trustBundle(!client.namesItsBundle)));
		}
		run(appType, properties, (context) -> {
			assertThat(call(context, client, TestBackends.url(backends.genuine()))).isEqualTo("genuine");
			for (String impostor : List.of(TestBackends.url(backends.rogue()),
					TestBackends.url(backends.rogueWithGenuineChain()), TestBackends.url(backends.caSignerAttack()),
					"https://LOCALHOST:" + backends.rogue().port() + "/")) {
				Throwable failure = catchThrowable(() -> call(context, client, impostor));
				assertThat(Failures.isPinningFailure(failure)).as("pinning failure at %s in %s", impostor, failure)
					.isTrue();
			}
		});
	}

	static void run(AppType appType, List<String> properties, ThrowingConsumer<ApplicationContext> assertions) {
		String[] values = properties.toArray(String[]::new);
		switch (appType) {
			case SERVLET -> new WebApplicationContextRunner().withConfiguration(ClientConfigurations.PINNED_CLIENTS)
				.withPropertyValues(values)
				.run((context) -> assertions.accept(started(context)));
			case REACTIVE -> new ReactiveWebApplicationContextRunner().withConfiguration(ClientConfigurations.PINNED_CLIENTS)
				.withPropertyValues(values)
				.run((context) -> assertions.accept(started(context)));
			case NONE -> new ApplicationContextRunner().withConfiguration(ClientConfigurations.PINNED_CLIENTS)
				.withPropertyValues(values)
				.run((context) -> assertions.accept(started(context)));
		}
	}

	private static <C extends ApplicationContext> C started(
			org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider<C> context) {
		assertThat(context).hasNotFailed();
		return context.getSourceApplicationContext();
	}

	static String call(ApplicationContext context, Client client, String url) {
		return switch (client) {
			case REST_TEMPLATE_BUILDER, REST_TEMPLATE_SSL_BUNDLE -> {
				RestTemplateBuilder builder = context.getBean(RestTemplateBuilder.class);
				if (client == Client.REST_TEMPLATE_SSL_BUNDLE) {
					builder = builder.sslBundle(context.getBean(SslBundles.class).getBundle("test"));
				}
				yield builder.build().getForObject(url, String.class);
			}
			case REST_CLIENT_BUILDER, REST_CLIENT_SSL -> {
				RestClient.Builder builder = context.getBean(RestClient.Builder.class);
				if (client == Client.REST_CLIENT_SSL) {
					builder.apply(context.getBean(RestClientSsl.class).fromBundle("test"));
				}
				yield builder.build().get().uri(url).retrieve().body(String.class);
			}
			case WEB_CLIENT_BUILDER, WEB_CLIENT_SSL -> {
				WebClient.Builder builder = context.getBean(WebClient.Builder.class);
				if (client == Client.WEB_CLIENT_SSL) {
					builder.apply(context.getBean(WebClientSsl.class).fromBundle("test"));
				}
				yield builder.build().get().uri(url).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20));
			}
		};
	}

}
