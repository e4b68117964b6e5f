package io.github.pinning.autoconfigure.http;

import io.github.pinning.test.ClientConfigurations;
import io.github.pinning.test.Failures;
import io.github.pinning.test.JvmTrustStore;
import io.github.pinning.test.TestBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Client builders and templates that the application defines itself, as Spring Cloud
 * LoadBalancer's reference writes them ({@code @LoadBalanced @Bean RestClient.Builder builder()
 * { return RestClient.builder(); }}), with the JVM's trust store, which trusts both roots: one
 * that keeps its default factory or connector is pinned; one with its own is named by the
 * start-up warning; and the start-up line never credits Spring Boot's builders for them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApplicationClientsTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	@RegisterExtension
	static final JvmTrustStore jvmTrust = JvmTrustStore.trusting(backends.pki().root(), backends.pki().rogueRoot());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(ClientConfigurations.PINNED_CLIENTS)
		.withPropertyValues(backends.pinSet());

	@Test
	void aRestClientBuilderWithItsDefaultRequestFactoryIsPinned(CapturedOutput output) {
		this.runner.withUserConfiguration(DefaultClients.class).run((context) -> {
			RestClient client = context.getBean("restClientBuilder", RestClient.Builder.class).build();
			assertThat(client.get().uri(TestBackends.url(backends.genuine())).retrieve().body(String.class))
				.contains("genuine");
			assertRefusedByPinning(() -> client.get().uri(TestBackends.url(backends.rogue())).retrieve().body(String.class));
			assertThat(output).contains("RestClient.Builder 'restClientBuilder' (its default request factory replaced"
					+ " by a pinned one)");
		});
	}

	@Test
	void aRestTemplateWithItsDefaultRequestFactoryIsPinned() {
		this.runner.withUserConfiguration(DefaultClients.class).run((context) -> {
			RestTemplate template = context.getBean(RestTemplate.class);
			assertThat(template.getForObject(TestBackends.url(backends.genuine()), String.class)).contains("genuine");
			assertRefusedByPinning(() -> template.getForObject(TestBackends.url(backends.rogue()), String.class));
		});
	}

	@Test
	void aWebClientBuilderWithItsDefaultConnectorIsPinned() {
		this.runner.withUserConfiguration(DefaultClients.class).run((context) -> {
			WebClient client = context.getBean("webClientBuilder", WebClient.Builder.class).build();
			assertThat(client.get().uri(TestBackends.url(backends.genuine())).retrieve().bodyToMono(String.class).block())
				.contains("genuine");
			assertRefusedByPinning(() -> client.get()
				.uri(TestBackends.url(backends.rogue()))
				.retrieve()
				.bodyToMono(String.class)
				.block());
		});
	}

	@Test
	void aClientWithAFactoryOfItsOwnIsNamedByTheWarningAndNotCreditedToSpringBoot(CapturedOutput output) {
		this.runner.withUserConfiguration(OwnFactoryClients.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("are not applied by these clients:")
				.contains("RestClient.Builder 'restClientBuilder' has a request factory of its own ("
						+ SimpleClientHttpRequestFactory.class.getName() + ")")
				.contains("RestTemplate 'restTemplate' has a request factory of its own")
				.doesNotContain("applied by: RestClient.Builder,");
		});
	}

	@Test
	void springBootsOwnBuildersAreNotNamedByTheWarning(CapturedOutput output) {
		this.runner.run((context) -> {
			context.getBean(RestClient.Builder.class).build();
			context.getBean(WebClient.Builder.class).build();
			assertThat(output).contains("applied by: RestClient.Builder, RestTemplateBuilder, WebClient.Builder")
				.doesNotContain("are not applied by these clients");
		});
	}

	private static void assertRefusedByPinning(Runnable call) {
		Throwable failure = catchThrowable(call::run);
		assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class DefaultClients {

		@Bean
		RestClient.Builder restClientBuilder() {
			return RestClient.builder();
		}

		@Bean
		WebClient.Builder webClientBuilder() {
			return WebClient.builder();
		}

		@Bean
		RestTemplate restTemplate() {
			return new RestTemplate();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactoryClients {

		@Bean
		RestClient.Builder restClientBuilder() {
			return RestClient.builder().requestFactory(new SimpleClientHttpRequestFactory());
		}

		@Bean
		RestTemplate restTemplate() {
			return new RestTemplate(new org.springframework.http.client.JdkClientHttpRequestFactory());
		}

	}

}
