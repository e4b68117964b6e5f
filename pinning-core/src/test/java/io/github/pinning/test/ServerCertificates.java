package io.github.pinning.test;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

import okhttp3.tls.HeldCertificate;

/**
 * A server's key and the exact chain it sends, in any order and with any extra certificates:
 * unlike a {@code KeyStore}, nothing here checks that the chain is valid, so a test can serve
 * what an attacker would.
 *
 * @param leaf the leaf certificate and its private key
 * @param chain the certificates sent after the leaf
 */
public record ServerCertificates(HeldCertificate leaf, X509Certificate... chain) {

	/**
	 * Returns a server {@link SSLContext} that presents this chain.
	 * @return the context
	 */
	public SSLContext sslContext() {
		return sslContext(null);
	}

	/**
	 * Returns a server {@link SSLContext} that presents this chain and checks client
	 * certificates with the given trust manager.
	 * @param clientTrust the trust manager for client certificates, or {@code null} for the
	 * JDK's default
	 * @return the context
	 */
	public SSLContext sslContext(TrustManager clientTrust) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(new KeyManager[] { new FixedKeyManager() },
					(clientTrust != null) ? new TrustManager[] { clientTrust } : null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns the certificates as sent: the leaf, then the chain.
	 * @return the sent certificates
	 */
	public X509Certificate[] sent() {
		X509Certificate[] sent = new X509Certificate[this.chain.length + 1];
		sent[0] = this.leaf.certificate();
		System.arraycopy(this.chain, 0, sent, 1, this.chain.length);
		return sent;
	}

	private final class FixedKeyManager extends X509ExtendedKeyManager {

		private static final String ALIAS = "server";

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[0];
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return new String[] { ALIAS };
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return matches(keyType) ? ALIAS : null;
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			return matches(keyType) ? ALIAS : null;
		}

		private boolean matches(String keyType) {
			String algorithm = ServerCertificates.this.leaf.keyPair().getPrivate().getAlgorithm();
			return keyType.equals(algorithm) || (keyType.equals("EC") && algorithm.equals("ECDSA"))
					|| keyType.startsWith(algorithm);
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return sent();
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return ServerCertificates.this.leaf.keyPair().getPrivate();
		}

	}

}
