package io.github.pinning.autoconfigure.http;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.util.ClassUtils;

/**
 * Has Reactor Netty's clients remember their session cache. Reactor Netty makes an SSL context
 * of its own from the trust managers it is given, so its cache is reached through the client's
 * SSL provider: once Spring Boot has configured a client of the pinning builders, and for the
 * JVM-wide default provider of clients built by hand, under {@code pinning.jvm-default}. Used
 * only when Reactor Netty is on the class path.
 */
public final class ReactorSessionCaches {

	private static final boolean PRESENT = ClassUtils.isPresent("reactor.netty.tcp.SslProvider",
			ReactorSessionCaches.class.getClassLoader());

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

	/**
	 * Remembers the session cache of Reactor Netty's default client SSL provider, which
	 * {@code HttpClient.create()} uses for HTTPS, if Reactor Netty is on the class path. The
	 * provider is made on the first call, from the JVM's default trust managers.
	 * @param pinning where session caches are remembered
	 */
	public static void trackDefaultClient(SslBundlePinning pinning) {
		if (PRESENT) {
			pinning.track(SslProvider.defaultClientProvider().getSslContext().sessionContext());
		}
	}

	private static HttpClient track(HttpClient client, SslBundlePinning pinning) {
		SslProvider ssl = client.configuration().sslProvider();
		if (ssl != null) {
			pinning.track(ssl.getSslContext().sessionContext());
		}
		return client;
	}

}
