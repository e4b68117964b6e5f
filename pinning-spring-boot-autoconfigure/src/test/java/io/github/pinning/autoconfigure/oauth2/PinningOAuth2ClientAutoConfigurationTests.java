package io.github.pinning.autoconfigure.oauth2;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which token response clients the pinning defines: one per grant that Spring Security's own
 * manager and login take from beans, each only where the application defines none of that
 * grant, whatever it defines for the others.
 */
class PinningOAuth2ClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(PinningAutoConfiguration.class, PinningOAuth2ClientAutoConfiguration.class));

	@Test
	void definesATokenClientForEachGrantThatSpringSecurityTakesFromBeans() {
		this.runner.run((context) -> {
			assertThat(context.getBeanNamesForType(tokenClient(OAuth2ClientCredentialsGrantRequest.class)))
				.containsExactly("pinningClientCredentialsTokenResponseClient");
			assertThat(context.getBeanNamesForType(tokenClient(OAuth2RefreshTokenGrantRequest.class)))
				.containsExactly("pinningRefreshTokenTokenResponseClient");
			assertThat(context.getBeanNamesForType(tokenClient(OAuth2AuthorizationCodeGrantRequest.class)))
				.containsExactly("pinningAuthorizationCodeTokenResponseClient");
		});
	}

	@Test
	void anApplicationsOwnTokenClientReplacesOnlyThePinningOneOfItsGrant() {
		this.runner.withBean("applicationRefreshTokenClient", RestClientRefreshTokenTokenResponseClient.class)
			.run((context) -> {
				assertThat(context.getBeanNamesForType(tokenClient(OAuth2RefreshTokenGrantRequest.class)))
					.containsExactly("applicationRefreshTokenClient");
				assertThat(context.getBeanNamesForType(tokenClient(OAuth2ClientCredentialsGrantRequest.class)))
					.containsExactly("pinningClientCredentialsTokenResponseClient");
				assertThat(context.getBeanNamesForType(tokenClient(OAuth2AuthorizationCodeGrantRequest.class)))
					.containsExactly("pinningAuthorizationCodeTokenResponseClient");
			});
	}

	private static ResolvableType tokenClient(Class<?> grantRequest) {
		return ResolvableType.forClassWithGenerics(OAuth2AccessTokenResponseClient.class, grantRequest);
	}

}
