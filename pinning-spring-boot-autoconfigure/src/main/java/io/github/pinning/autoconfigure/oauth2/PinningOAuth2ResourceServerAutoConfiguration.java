package io.github.pinning.autoconfigure.oauth2;

import java.util.List;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.http.PinnedClients;
import io.github.pinning.autoconfigure.log.BeanOrigins;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link AutoConfiguration Auto-configuration} that pins the requests for the JWK set of
 * Spring Boot's OAuth2 resource server ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri},
 * or {@code issuer-uri}): without pins, an impostor of the authorization server serves its own
 * keys, and every token it signs authenticates. The decoder's builder customizers give it a
 * client with the JVM's default trust, which its own client would have used, and the pins.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnBean(SslBundlePinning.class)
public final class PinningOAuth2ResourceServerAutoConfiguration {

	@Bean
	@Order(4)
	PinningCoverage pinningJwtDecoderCoverage(ConfigurableListableBeanFactory beanFactory) {
		return new PinningCoverage() {

			@Override
			public List<String> appliedBy() {
				return BeanOrigins.anyFromSpringBoot(beanFactory, JwtDecoder.class)
						? List.of("the OAuth2 resource server's JWK set") : List.of();
			}

			@Override
			public List<String> unpinned() {
				return List.of(beanFactory.getBeanNamesForType(JwtDecoder.class, true, false))
					.stream()
					.filter((name) -> !BeanOrigins.isFromSpringBoot(beanFactory, name))
					.map((name) -> "JwtDecoder bean '" + name + "' of the application's own: build it with"
							+ " NimbusJwtDecoder.withJwkSetUri(..).restOperations(..) given a RestTemplate from Spring"
							+ " Boot's RestTemplateBuilder, or let Spring Boot define it")
					.toList();
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JwkSetUriJwtDecoderBuilderCustomizer.class, RestTemplate.class })
	static class Servlet {

		@Bean
		JwkSetUriJwtDecoderBuilderCustomizer pinningJwkSetUriJwtDecoderBuilderCustomizer(SslBundlePinning pinning,
				ResourceLoader resourceLoader) {
			return (builder) -> builder
				.restOperations(new RestTemplate(PinnedClients.requestFactory(pinning, resourceLoader.getClassLoader())));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JwkSetUriReactiveJwtDecoderBuilderCustomizer.class, WebClient.class, Mono.class })
	static class Reactive {

		@Bean
		JwkSetUriReactiveJwtDecoderBuilderCustomizer pinningJwkSetUriReactiveJwtDecoderBuilderCustomizer(
				SslBundlePinning pinning, ResourceLoader resourceLoader) {
			return (builder) -> builder.webClient(WebClient.builder()
				.clientConnector(PinnedClients.connector(pinning, resourceLoader.getClassLoader()))
				.build());
		}

	}

}
