package io.github.pinning.autoconfigure.http;

import java.lang.reflect.Field;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.support.HttpAccessor;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

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

	/**
	 * Gives a {@link RestTemplate} that still has Spring Framework's default request factory
	 * (a plain {@link SimpleClientHttpRequestFactory}) a pinned one of the same kind, and tells
	 * whether the template is pinned now.
	 * @param template the template, as a library made it
	 * @param pinning the pinning
	 * @return {@code true} if it had the default factory, or one that the pinning builders
	 * made; {@code false} if it keeps a factory of its own
	 */
	public static boolean pinDefaultRequestFactory(RestTemplate template, SslBundlePinning pinning) {
		Object factory = field(template, HttpAccessor.class, "requestFactory");
		if (factory != null && factory.getClass() == SimpleClientHttpRequestFactory.class) {
			template.setRequestFactory(requestFactory(ClientHttpRequestFactoryBuilder.simple(), pinning));
			return true;
		}
		return factory != null && PinnedFactories.isPinned(factory);
	}

	/**
	 * Gives a {@link RestClient.Builder} that has no request factory (so that its client would
	 * detect one) a pinned one of the kind it would detect, and tells whether it is pinned now.
	 * @param builder the builder, as a library made it
	 * @param pinning the pinning
	 * @param classLoader where to detect the client library
	 * @return {@code true} if it had no factory, or one that the pinning builders made;
	 * {@code false} if it keeps a factory of its own
	 */
	public static boolean pinDefaultRequestFactory(RestClient.Builder builder, SslBundlePinning pinning,
			ClassLoader classLoader) {
		Object factory = field(builder, builder.getClass(), "requestFactory");
		if (factory == null) {
			builder.requestFactory(requestFactory(pinning, classLoader));
			return true;
		}
		return PinnedFactories.isPinned(factory);
	}

	/**
	 * Tells whether a {@link RestClient} sends its requests through a factory that the pinning
	 * builders made (one built from Spring Boot's {@code RestClient.Builder}).
	 * @param client the client
	 * @return whether it is pinned
	 */
	public static boolean isPinned(RestClient client) {
		Object factory = field(client, client.getClass(), "clientRequestFactory");
		return factory != null && PinnedFactories.isPinned(factory);
	}

	/** Reads a field of an object, or returns {@code null} if its class has no such field. */
	private static @Nullable Object field(Object target, Class<?> declaringClass, String name) {
		Field field = ReflectionUtils.findField(declaringClass, name);
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

}
