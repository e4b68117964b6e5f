package io.github.pinning.autoconfigure.jvm;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

/**
 * A security provider whose {@link TrustManagerFactory} of the JVM's default algorithm
 * ({@code ssl.TrustManagerFactory.algorithm}, {@code PKIX} unless changed) is the one of the
 * provider that had it before, with its trust managers wrapped to check pins. Placed first, it
 * pins every client that builds its own {@code SSLContext} from the default factory (Reactor
 * Netty's {@code HttpClient.create()}, OkHttp's default client, Apache HttpClient's default,
 * database and messaging drivers). The original factory is asked for by its provider, so that
 * this one never asks itself; a factory of another algorithm asked for by name is not pinned.
 */
public final class JvmDefaultTrustProvider extends Provider {

	/** The provider's name. */
	public static final String NAME = "PinningJvmDefaultTrust";

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the provider for the default algorithm.
	 * @param pinning wraps the trust managers
	 * @throws NoSuchAlgorithmException if no provider has a factory of the default algorithm
	 */
	public JvmDefaultTrustProvider(SslBundlePinning pinning) throws NoSuchAlgorithmException {
		super(NAME, "1.0", "Checks pins on the trust managers of the JVM's default TrustManagerFactory");
		String algorithm = TrustManagerFactory.getDefaultAlgorithm();
		Provider original = TrustManagerFactory.getInstance(algorithm).getProvider();
		Provider.Service service = original.getService("TrustManagerFactory", algorithm);
		List<String> aliases = (service != null) ? aliasesOf(original, service) : List.of();
		putService(new PinningService(this, algorithm, aliases, original, pinning));
	}

	private static List<String> aliasesOf(Provider provider, Provider.Service service) {
		String prefix = "Alg.Alias.TrustManagerFactory.";
		return provider.stringPropertyNames()
			.stream()
			.filter((key) -> key.startsWith(prefix) && service.getAlgorithm().equals(provider.getProperty(key)))
			.map((key) -> key.substring(prefix.length()))
			.toList();
	}

	/**
	 * The factory service; {@link #newInstance} is overridden so that the factory can be given
	 * the pinning and the original provider.
	 */
	private static final class PinningService extends Provider.Service {

		private final Provider original;

		private final SslBundlePinning pinning;

		PinningService(Provider provider, String algorithm, List<String> aliases, Provider original,
				SslBundlePinning pinning) {
			super(provider, "TrustManagerFactory", algorithm, PinningTrustManagerFactorySpi.class.getName(), aliases,
					Map.of());
			this.original = original;
			this.pinning = pinning;
		}

		@Override
		public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
			return new PinningTrustManagerFactorySpi(TrustManagerFactory.getInstance(getAlgorithm(), this.original),
					this.pinning);
		}

	}

	/**
	 * A factory that delegates to the original one and wraps what it makes.
	 */
	private static final class PinningTrustManagerFactorySpi extends TrustManagerFactorySpi {

		private final TrustManagerFactory delegate;

		private final SslBundlePinning pinning;

		PinningTrustManagerFactorySpi(TrustManagerFactory delegate, SslBundlePinning pinning) {
			this.delegate = delegate;
			this.pinning = pinning;
		}

		@Override
		protected void engineInit(KeyStore keyStore) throws KeyStoreException {
			this.delegate.init(keyStore);
		}

		@Override
		protected void engineInit(ManagerFactoryParameters parameters) throws InvalidAlgorithmParameterException {
			this.delegate.init(parameters);
		}

		@Override
		protected TrustManager[] engineGetTrustManagers() {
			return this.pinning.wrap(this.delegate.getTrustManagers());
		}

	}

}
