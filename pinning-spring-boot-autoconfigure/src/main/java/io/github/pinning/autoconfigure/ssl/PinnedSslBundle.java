package io.github.pinning.autoconfigure.ssl;

import java.security.GeneralSecurityException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.github.pinning.PinningSslContext;
import io.github.pinning.PinningTrustManager;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * An {@link SslBundle} with the key material, protocol and options of another, whose trust
 * managers also check pins. Both ways a client reads trust (Reactor Netty the managers, the
 * other clients {@link #createSslContext()}) see the pinning trust managers. The
 * {@link SSLContext} is made once, since some clients ask for one per connection; it is a
 * {@link PinningSslContext}, whose client connections check their session once their handshake
 * completes, so that a session judged under pins that have since changed is not resumed
 * unchecked.
 */
final class PinnedSslBundle implements SslBundle {

	private final SslBundle bundle;

	private final SslBundlePinning pinning;

	private final SslManagerBundle managers;

	private volatile @Nullable SSLContext sslContext;

	PinnedSslBundle(SslBundle bundle, SslBundlePinning pinning) {
		this.bundle = bundle;
		this.pinning = pinning;
		SslManagerBundle original = bundle.getManagers();
		TrustManagerFactory trust = original.getTrustManagerFactory();
		this.managers = SslManagerBundle.of(original.getKeyManagerFactory(),
				new PinningTrustManagerFactory(trust.getAlgorithm(), pinning.wrap(trust.getTrustManagers(), bundle)));
	}

	@Override
	public SslStoreBundle getStores() {
		return this.bundle.getStores();
	}

	@Override
	public SslBundleKey getKey() {
		return this.bundle.getKey();
	}

	@Override
	public SslOptions getOptions() {
		return this.bundle.getOptions();
	}

	@Override
	public String getProtocol() {
		return this.bundle.getProtocol();
	}

	@Override
	public SslManagerBundle getManagers() {
		return this.managers;
	}

	@Override
	public SSLContext createSslContext() {
		SSLContext context = this.sslContext;
		if (context == null) {
			context = newSslContext();
			this.sslContext = context;
		}
		return context;
	}

	private SSLContext newSslContext() {
		try {
			SSLContext context = SSLContext.getInstance(getProtocol());
			KeyManagerFactory keys = this.managers.getKeyManagerFactory();
			TrustManager[] trustManagers = this.managers.getTrustManagers();
			context.init(keys.getKeyManagers(), trustManagers, null);
			this.pinning.track(context.getClientSessionContext());
			for (TrustManager trustManager : trustManagers) {
				if (trustManager instanceof PinningTrustManager pinningTrustManager) {
					return PinningSslContext.of(context, pinningTrustManager);
				}
			}
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not create a pinning SSLContext: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "Pinned " + this.bundle;
	}

}
