package io.github.pinning.autoconfigure.http;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * A {@link ClientHttpRequestFactoryBuilder} that builds through another one with settings whose
 * SSL bundle checks pins. A Reactor Netty delegate's clients also have their session cache
 * remembered, so that a change of pins invalidates it ({@link ReactorSessionCaches}), and their
 * sessions checked when a handshake completes ({@link ReactorSessionChecks}).
 *
 * @param <T> the type of request factory
 */
final class PinningClientHttpRequestFactoryBuilder<T extends ClientHttpRequestFactory>
		implements ClientHttpRequestFactoryBuilder<T> {

	private final ClientHttpRequestFactoryBuilder<T> delegate;

	private final SslBundlePinning pinning;

	@SuppressWarnings("unchecked")
	PinningClientHttpRequestFactoryBuilder(ClientHttpRequestFactoryBuilder<T> delegate, SslBundlePinning pinning) {
		this.delegate = (delegate instanceof ReactorClientHttpRequestFactoryBuilder reactor)
				? (ClientHttpRequestFactoryBuilder<T>) ReactorSessionChecks
					.checking(ReactorSessionCaches.tracking(reactor, pinning))
				: delegate;
		this.pinning = pinning;
	}

	@Override
	public T build(@Nullable HttpClientSettings settings) {
		return PinnedFactories.remember(this.delegate.build(PinnedHttpClientSettings.of(settings, this.pinning)));
	}

	@Override
	public String toString() {
		return "Pinning " + this.delegate;
	}

}
