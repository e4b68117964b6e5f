package io.github.pinning.autoconfigure.http;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * Has the Reactor Netty clients that pinning builders make remember their session cache.
 * Reactor Netty makes an SSL context of its own from the bundle's trust managers, so its cache
 * is reached through the client's SSL provider once Spring Boot has configured it. Used only
 * when the delegate builder is a Reactor one, so that Reactor Netty is then on the class path.
 */
final class ReactorSessionCaches {

	private ReactorSessionCaches() {
	}

	static ReactorClientHttpConnectorBuilder tracking(ReactorClientHttpConnectorBuilder builder,
			SslBundlePinning pinning) {
		return builder.withHttpClientCustomizer((client) -> track(client, pinning));
	}

	static ReactorClientHttpRequestFactoryBuilder tracking(ReactorClientHttpRequestFactoryBuilder builder,
			SslBundlePinning pinning) {
		return builder.withHttpClientCustomizer((client) -> track(client, pinning));
	}

	private static HttpClient track(HttpClient client, SslBundlePinning pinning) {
		SslProvider ssl = client.configuration().sslProvider();
		if (ssl != null) {
			pinning.track(ssl.getSslContext().sessionContext());
		}
		return client;
	}

}
