package io.github.pinning.autoconfigure.http;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;

/**
 * Client settings whose SSL bundle checks pins: the bundle they carry, or the JVM's default
 * trust store where they carry none.
 */
final class PinnedHttpClientSettings {

	private PinnedHttpClientSettings() {
	}

	static HttpClientSettings of(@Nullable HttpClientSettings settings, SslBundlePinning pinning) {
		HttpClientSettings base = (settings != null) ? settings : HttpClientSettings.defaults();
		return base.withSslBundle(pinning.pin(base.sslBundle()));
	}

}
