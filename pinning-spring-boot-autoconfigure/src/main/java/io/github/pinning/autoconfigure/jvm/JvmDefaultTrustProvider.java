package io.github.pinning.autoconfigure.jvm;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

/**
 * A security provider whose {@link TrustManagerFactory} of the JVM's default algorithm
 * ({@code ssl.TrustManagerFactory.algorithm}, {@code PKIX} unless changed) is the one of the
 * provider that had it before, with its trust managers wrapped to check pins, and whose
 * {@code SSLContext.getInstance("Default")} is the pinned default context. Placed first, it
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
	 * @param defaultContext the pinned context that {@code SSLContext.getInstance("Default")}
	 * stands for
	 * @throws NoSuchAlgorithmException if no provider has a factory of the default algorithm
	 */
	public JvmDefaultTrustProvider(SslBundlePinning pinning, SSLContext defaultContext) throws NoSuchAlgorithmException {
		super(NAME, "1.0", "Checks pins on the trust managers of the JVM's default TrustManagerFactory and"
				+ " SSLContext");
		String algorithm = TrustManagerFactory.getDefaultAlgorithm();
		Provider original = TrustManagerFactory.getInstance(algorithm).getProvider();
		Provider.Service service = original.getService("TrustManagerFactory", algorithm);
		List<String> aliases = (service != null) ? aliasesOf(original, service) : List.of();
		putService(new PinningService(this, algorithm, aliases, original, pinning));
		putService(new DefaultContextService(this, defaultContext));
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
	 * {@code SSLContext.getInstance("Default")}: a context that stands for the pinned default,
	 * as the JDK's own {@code Default} stands for its default.
	 */
	private static final class DefaultContextService extends Provider.Service {

		private final SSLContext context;

		DefaultContextService(Provider provider, SSLContext context) {
			super(provider, "SSLContext", "Default", DefaultContextSpi.class.getName(), List.of(), Map.of());
			this.context = context;
		}

		@Override
		public Object newInstance(Object constructorParameter) {
			return new DefaultContextSpi(this.context);
		}

	}

	/**
	 * Does what the pinned default context does; like the JDK's default, it cannot be
	 * initialized again.
	 */
	private static final class DefaultContextSpi extends SSLContextSpi {

		private final SSLContext context;

		DefaultContextSpi(SSLContext context) {
			this.context = context;
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
				throws KeyManagementException {
			throw new KeyManagementException("The default SSLContext is initialized automatically");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return this.context.getSocketFactory();
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.context.getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return this.context.createSSLEngine();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return this.context.createSSLEngine(host, port);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.context.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.context.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.context.getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.context.getSupportedSSLParameters();
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
