package io.github.pinning.autoconfigure.http;

import java.util.Map;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.log.BeanOrigins;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientsProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * {@link AutoConfiguration Auto-configuration} that pins every HTTP client Spring Boot builds,
 * by wrapping its {@link ClientHttpRequestFactoryBuilder} and {@link ClientHttpConnectorBuilder}
 * beans.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		afterName = "org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration",
		beforeName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration" })
@ConditionalOnBean(SslBundlePinning.class)
public final class PinningHttpClientAutoConfiguration {

	/** The client builders Spring Boot defines, by class name, with the name the log gives them. */
	private static final Map<String, String> BUILDERS = Map.of("org.springframework.web.client.RestClient$Builder",
			"RestClient.Builder", "org.springframework.boot.restclient.RestTemplateBuilder", "RestTemplateBuilder",
			"org.springframework.web.reactive.function.client.WebClient$Builder", "WebClient.Builder");

	/**
	 * Names Spring Boot's client builders, which build through the pinned factories, for the
	 * start-up line that says what applies the pins. A builder bean that the application
	 * defines in their place is not named here: {@link ApplicationClientsPostProcessor} tells
	 * what became of it.
	 */
	@Bean
	@Order(0)
	PinningCoverage pinningClientBuildersCoverage(ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = getClass().getClassLoader();
		return () -> BUILDERS.entrySet()
			.stream()
			.filter((builder) -> ClassUtils.isPresent(builder.getKey(), classLoader)
					&& BeanOrigins.anyFromSpringBoot(beanFactory, ClassUtils.resolveClassName(builder.getKey(), classLoader)))
			.map(Map.Entry::getValue)
			.sorted()
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ClientHttpRequestFactoryBuilder.class, ClientHttpRequestFactory.class })
	static class Imperative {

		@Bean
		static ApplicationClientsPostProcessor pinningApplicationClientsPostProcessor(
				ObjectProvider<SslBundlePinning> pinning, ResourceLoader resourceLoader) {
			return new ApplicationClientsPostProcessor(pinning, resourceLoader.getClassLoader());
		}

		@Bean
		static BeanPostProcessor pinningClientHttpRequestFactoryBuilderPostProcessor(
				ObjectProvider<SslBundlePinning> pinning) {
			return new PinningBuilderPostProcessor<>(ClientHttpRequestFactoryBuilder.class,
					PinningClientHttpRequestFactoryBuilder.class, PinningClientHttpRequestFactoryBuilder::new, pinning);
		}

		/**
		 * Spring Boot registers no request factory builder in a reactive web application, and
		 * a {@code RestClient} there detects one on its own; this bean gives it one to pin.
		 */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		ClientHttpRequestFactoryBuilder<?> pinningClientHttpRequestFactoryBuilder(Environment environment,
				ResourceLoader resourceLoader) {
			return Binder.get(environment)
				.bind("spring.http.clients.imperative.factory", ImperativeHttpClientsProperties.Factory.class)
				.map(Imperative::builder)
				.orElseGet(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()));
		}

		private static ClientHttpRequestFactoryBuilder<?> builder(ImperativeHttpClientsProperties.Factory factory) {
			return switch (factory) {
				case HTTP_COMPONENTS -> ClientHttpRequestFactoryBuilder.httpComponents();
				case JETTY -> ClientHttpRequestFactoryBuilder.jetty();
				case REACTOR -> ClientHttpRequestFactoryBuilder.reactor();
				case JDK -> ClientHttpRequestFactoryBuilder.jdk();
				case SIMPLE -> ClientHttpRequestFactoryBuilder.simple();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ClientHttpConnectorBuilder.class, ClientHttpConnector.class, Mono.class })
	static class Reactive {

		@Bean
		static BeanPostProcessor pinningClientHttpConnectorBuilderPostProcessor(ObjectProvider<SslBundlePinning> pinning) {
			return new PinningBuilderPostProcessor<>(ClientHttpConnectorBuilder.class,
					PinningClientHttpConnectorBuilder.class, PinningClientHttpConnectorBuilder::new, pinning);
		}

	}

}
