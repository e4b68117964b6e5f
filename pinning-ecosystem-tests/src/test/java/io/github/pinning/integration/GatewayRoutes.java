package io.github.pinning.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.stream.Stream;

import io.github.pinning.PinningViolation;
import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of Spring Cloud Gateway's two flavours share: a route to the genuine server and
 * one to the impostor, configured as the Gateway's reference shows, and the check of what comes
 * back through each.
 */
public final class GatewayRoutes {

	private GatewayRoutes() {
	}

	/**
	 * Returns the properties of the two routes, {@code /genuine/**} and {@code /impostor/**}.
	 * @param prefix where the flavour's routes are configured, for example
	 * {@code spring.cloud.gateway.server.webflux.routes}
	 * @param backends the servers
	 * @return the properties
	 */
	public static String[] toBothServers(String prefix, Backends backends) {
		return Stream.concat(Stream.of(route(prefix, 0, "genuine", backends.genuine().port())),
				Stream.of(route(prefix, 1, "impostor", backends.impostor().port())))
			.flatMap(Stream::of)
			.toArray(String[]::new);
	}

	private static String[] route(String prefix, int index, String name, int port) {
		String route = prefix + "[" + index + "].";
		return new String[] { route + "id=" + name, route + "uri=https://localhost:" + port,
				route + "predicates[0]=Path=/" + name + "/**", route + "filters[0]=StripPrefix=1" };
	}

	/**
	 * Asserts that the genuine route answers with the genuine server's body, and that the
	 * impostor's answer does not come through, refused by pinning.
	 * @param gateway the running gateway
	 * @param backends the servers
	 * @throws Exception if a request cannot be sent
	 */
	public static void assertTheGenuineAnswersAndTheImpostorIsRefused(ConfigurableApplicationContext gateway,
			Backends backends) throws Exception {
		HttpResponse<String> genuine = get(gateway, "/genuine/");
		assertThat(genuine.statusCode()).isEqualTo(200);
		assertThat(genuine.body()).isEqualTo("genuine");
		HttpResponse<String> impostor = get(gateway, "/impostor/");
		assertThat(impostor.body()).as("the impostor's answer must not come through").isNotEqualTo("impostor");
		assertThat(impostor.statusCode()).isGreaterThanOrEqualTo(500);
		assertThat(gateway.getBean(RecordingListener.class).violations()).extracting(PinningViolation::port)
			.isNotEmpty()
			.containsOnly(backends.impostor().port());
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext gateway, String path) throws Exception {
		int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), BodyHandlers.ofString());
	}

}
