package io.github.pinning.autoconfigure.ssl;

import java.security.KeyStore;
import java.security.Provider;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

/**
 * A {@link TrustManagerFactory} that hands out trust managers already made (and already
 * pinned), for clients that take a factory rather than the managers.
 */
final class PinningTrustManagerFactory extends TrustManagerFactory {

	private static final Provider PROVIDER = new Provider("Pinning", "1.0", "Certificate pinning trust managers") {

		private static final long serialVersionUID = 1L;

	};

	PinningTrustManagerFactory(String algorithm, TrustManager[] trustManagers) {
		super(new FixedSpi(trustManagers), PROVIDER, algorithm);
	}

	private static final class FixedSpi extends TrustManagerFactorySpi {

		private final TrustManager[] trustManagers;

		FixedSpi(TrustManager[] trustManagers) {
			this.trustManagers = trustManagers;
		}

		@Override
		protected void engineInit(KeyStore keyStore) {
		}

		@Override
		protected void engineInit(ManagerFactoryParameters parameters) {
		}

		@Override
		protected TrustManager[] engineGetTrustManagers() {
			return this.trustManagers.clone();
		}

	}

}
