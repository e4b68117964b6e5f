package io.github.pinning;

import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose client connections are checked against the pins once their
 * handshake completes, resumed or not, before they carry any data.
 * <p>
 * A resumed handshake (a TLS 1.2 session id, a TLS 1.3 ticket) checks no certificate, so the
 * trust manager never sees it. A change of pins invalidates the sessions already cached, but a
 * TLS 1.3 ticket that the server sends after the change, or a handshake checked before it that
 * completes after it, leaves a session in the cache that was judged under the old pins. The
 * engines and sockets of this context ask the {@link PinningTrustManager}, when their handshake
 * completes, whether it checked the session for that host under the policy now in force (a
 * look-up in the session's own values); a session it did not is checked again, and one that an
 * enforced pin set refuses fails the handshake, counted and told as a violation like any other.
 * Server-side engines and sockets of the context are left as they are.
 */
public final class PinningSslContext extends SSLContext {

	private PinningSslContext(SSLContext context, PinningTrustManager trustManager) {
		super(new Spi(context, trustManager), context.getProvider(), context.getProtocol());
	}

	/**
	 * Returns a context that behaves as the given one, with its client connections checked
	 * against the pins once their handshake completes.
	 * @param context an initialised context whose trust manager is {@code trustManager}
	 * @param trustManager the pinning trust manager the context was initialised with
	 * @return the checking context
	 */
	public static SSLContext of(SSLContext context, PinningTrustManager trustManager) {
		return new PinningSslContext(context, trustManager);
	}

	private static final class Spi extends SSLContextSpi {

		private final SSLContext context;

		private final PinningTrustManager trustManager;

		Spi(SSLContext context, PinningTrustManager trustManager) {
			this.context = context;
			this.trustManager = trustManager;
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
				throws KeyManagementException {
			throw new KeyManagementException("A pinning SSLContext is initialised when it is made");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return new CheckedSslSocketFactory(this.context.getSocketFactory(), this.trustManager);
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.context.getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return new CheckedSslEngine(this.context.createSSLEngine(), this.trustManager);
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return new CheckedSslEngine(this.context.createSSLEngine(host, port), this.trustManager);
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

}
