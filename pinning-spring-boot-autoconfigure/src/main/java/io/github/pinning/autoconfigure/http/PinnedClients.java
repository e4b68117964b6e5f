package io.github.pinning.autoconfigure.http;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Request factories and connectors for the clients that libraries build for themselves with
 * their framework's defaults (a JWK set fetcher, a token client): the client library their
 * framework would detect, with the JVM's default trust store, built through pinning.
 */
public final class PinnedClients {

	private PinnedClients() {
	}

	/**
	 * Returns a pinned request factory of the client library that {@code RestClient} and
	 * {@code RestTemplate} would detect.
	 * @param pinning the pinning
	 * @param classLoader where to detect the client library
	 * @return the request factory
	 */
	public static ClientHttpRequestFactory requestFactory(SslBundlePinning pinning, ClassLoader classLoader) {
		return requestFactory(ClientHttpRequestFactoryBuilder.detect(classLoader), pinning);
	}

	static ClientHttpRequestFactory requestFactory(ClientHttpRequestFactoryBuilder<?> builder,
			SslBundlePinning pinning) {
		return new PinningClientHttpRequestFactoryBuilder<>(builder, pinning).build(HttpClientSettings.defaults());
	}

	/**
	 * Returns a pinned connector of the client library that {@code WebClient} would detect.
	 * @param pinning the pinning
	 * @param classLoader where to detect the client library
	 * @return the connector
	 */
	public static ClientHttpConnector connector(SslBundlePinning pinning, ClassLoader classLoader) {
		return new PinningClientHttpConnectorBuilder<>(ClientHttpConnectorBuilder.detect(classLoader), pinning)
			.build(HttpClientSettings.defaults());
	}

}
