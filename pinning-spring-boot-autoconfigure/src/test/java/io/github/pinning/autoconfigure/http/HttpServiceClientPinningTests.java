package io.github.pinning.autoconfigure.http;


import io.github.pinning.test.ClientConfigurations;
import io.github.pinning.test.Failures;
import io.github.pinning.test.TestBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * HTTP service clients ({@code @ImportHttpServices}) build their clients through the same
 * builders, so they are pinned too, whether backed by RestClient or WebClient.
 */
class HttpServiceClientPinningTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(ClientConfigurations.PINNED_CLIENTS)
		.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class))
		.withPropertyValues(backends.pinSet())
		.withPropertyValues(backends.trustBundle(false))
		.withPropertyValues("spring.http.serviceclient.genuine.base-url=" + TestBackends.url(backends.genuine()),
				"spring.http.serviceclient.genuine.ssl.bundle=test",
				"spring.http.serviceclient.rogue.base-url=" + TestBackends.url(backends.rogue()),
				"spring.http.serviceclient.rogue.ssl.bundle=test");

	@Test
	void restClientBackedServicesArePinned() {
		this.runner.withUserConfiguration(RestClientServices.class).run((context) -> {
			assertThat(context.getBean(GenuineService.class).get()).isEqualTo("genuine");
			Throwable failure = catchThrowable(() -> context.getBean(RogueService.class).get());
			assertThat(Failures.isPinningFailure(failure)).as("pinning failure in %s", failure).isTrue();
		});
	}

	@Test
	void webClientBackedServicesArePinned() {
		// Spring Boot's WebClient customizers put the application-wide connector on service
		// clients after their group's own, so the bundle is set application-wide here.
		this.runner.withUserConfiguration(WebClientServices.class)
			.withPropertyValues("spring.http.clients.ssl.bundle=test")
			.run((context) -> {
				assertThat(context.getBean(GenuineService.class).get()).isEqualTo("genuine");
				Throwable failure = catchThrowable(() -> context.getBean(RogueService.class).get());
				assertThat(Failures.isPinningFailure(failure)).as("pinning failure in %s", failure).isTrue();
			});
	}

	interface GenuineService {

		@GetExchange("/")
		String get();

	}

	interface RogueService {

		@GetExchange("/")
		String get();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "genuine", types = GenuineService.class)
	@ImportHttpServices(group = "rogue", types = RogueService.class)
	static class RestClientServices {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "genuine", types = GenuineService.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	@ImportHttpServices(group = "rogue", types = RogueService.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class WebClientServices {

	}

}
