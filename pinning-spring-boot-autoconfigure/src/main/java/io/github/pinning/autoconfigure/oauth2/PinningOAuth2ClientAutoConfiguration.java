package io.github.pinning.autoconfigure.oauth2;

import java.util.List;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.http.PinnedClients;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * {@link AutoConfiguration Auto-configuration} that pins the token requests of Spring
 * Security's OAuth2 client: the access token response clients of the grants that Spring
 * Security's own authorized-client manager and OAuth2 login use (client credentials, refresh
 * token, authorization code), which it takes from beans of their type where the application
 * defines them. Each is Spring Security's own client with its message converters and error
 * handler, on a request factory with the JVM's default trust store, which its own would have
 * used, and the pins; and the user info requests of OAuth2 login (plain OAuth2 and OIDC), whose
 * user services Spring Security also takes from beans. A client or service the application
 * defines itself is left alone. The requests that Spring Security makes with clients of its own
 * making (OIDC discovery from an issuer URI, the ID token's JWK set, managers the application
 * builds by hand) are named by the start-up warning.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnClass({ RestClientClientCredentialsTokenResponseClient.class, RestClient.class })
@ConditionalOnBean(SslBundlePinning.class)
public final class PinningOAuth2ClientAutoConfiguration {

	private static final List<String> TOKEN_CLIENTS = List.of("pinningClientCredentialsTokenResponseClient",
			"pinningRefreshTokenTokenResponseClient", "pinningAuthorizationCodeTokenResponseClient");

	@Bean
	@Order(4)
	PinningCoverage pinningOAuth2ClientCoverage(ConfigurableListableBeanFactory beanFactory) {
		return () -> (beanFactory.getBeanNamesForType(ClientRegistrationRepository.class, true, false).length > 0
				&& TOKEN_CLIENTS.stream().anyMatch(beanFactory::containsBeanDefinition))
						? List.of("the OAuth2 client's token requests"
								+ (beanFactory.containsBeanDefinition("pinningOAuth2UserService") ? " and user info" : ""))
						: List.of();
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> pinningClientCredentialsTokenResponseClient(
			SslBundlePinning pinning, ResourceLoader resourceLoader) {
		RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
		client.setRestClient(tokenClient(pinning, resourceLoader));
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> pinningRefreshTokenTokenResponseClient(
			SslBundlePinning pinning, ResourceLoader resourceLoader) {
		RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
		client.setRestClient(tokenClient(pinning, resourceLoader));
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> pinningAuthorizationCodeTokenResponseClient(
			SslBundlePinning pinning, ResourceLoader resourceLoader) {
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(tokenClient(pinning, resourceLoader));
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2UserService<OAuth2UserRequest, OAuth2User> pinningOAuth2UserService(SslBundlePinning pinning,
			ResourceLoader resourceLoader) {
		// As Spring Security's own makes its RestTemplate: the default converters and its error
		// handler, on the request factory the JVM's trust store would have used, pinned.
		RestTemplate userInfo = new RestTemplate(PinnedClients.requestFactory(pinning, resourceLoader.getClassLoader()));
		userInfo.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		DefaultOAuth2UserService service = new DefaultOAuth2UserService();
		service.setRestOperations(userInfo);
		return service;
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2UserService<OidcUserRequest, OidcUser> pinningOidcUserService(
			OAuth2UserService<OAuth2UserRequest, OAuth2User> pinningOAuth2UserService) {
		OidcUserService service = new OidcUserService();
		service.setOauth2UserService(pinningOAuth2UserService);
		return service;
	}

	/** A {@code RestClient} as Spring Security's token clients make their own, pinned. */
	private static RestClient tokenClient(SslBundlePinning pinning, ResourceLoader resourceLoader) {
		return RestClient.builder()
			.requestFactory(PinnedClients.requestFactory(pinning, resourceLoader.getClassLoader()))
			.configureMessageConverters((converters) -> {
				converters.addCustomConverter(new FormHttpMessageConverter());
				converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

}
