package io.github.pinning.autoconfigure.http;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * A {@link ClientHttpConnectorBuilder} that builds through another one with settings whose SSL
 * bundle checks pins. A Reactor Netty delegate's clients also have their session cache
 * remembered, so that a change of pins invalidates it ({@link ReactorSessionCaches}), and their
 * sessions checked when a handshake completes ({@link ReactorSessionChecks}).
 *
 * @param <T> the type of connector
 */
final class PinningClientHttpConnectorBuilder<T extends ClientHttpConnector> implements ClientHttpConnectorBuilder<T> {

	private final ClientHttpConnectorBuilder<T> delegate;

	private final SslBundlePinning pinning;

	@SuppressWarnings("unchecked")
	PinningClientHttpConnectorBuilder(ClientHttpConnectorBuilder<T> delegate, SslBundlePinning pinning) {
		this.delegate = (delegate instanceof ReactorClientHttpConnectorBuilder reactor)
				? (ClientHttpConnectorBuilder<T>) ReactorSessionChecks
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
