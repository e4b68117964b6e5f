package io.github.pinning.tool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Connects to a TLS server, records the chain it serves and whether a trust manager validates
 * it (PKIX and hostname), and lets the handshake finish either way so that the chain can be
 * shown.
 */
final class ChainFetcher {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final X509ExtendedTrustManager trustManager;

	ChainFetcher(X509ExtendedTrustManager trustManager) {
		this.trustManager = trustManager;
	}

	/**
	 * What a server presented.
	 *
	 * @param served the chain as served, leaf first
	 * @param validationFailure why the trust manager refused it, or {@code null} if it validates
	 */
	record Fetched(X509Certificate[] served, @Nullable CertificateException validationFailure) {
	}

	Fetched fetch(Target target) throws IOException {
		Recorder recorder = new Recorder();
		try (Socket plain = new Socket()) {
			plain.connect(new InetSocketAddress(target.host(), target.port()), TIMEOUT_MILLIS);
			plain.setSoTimeout(TIMEOUT_MILLIS);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { recorder }, null);
			try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
				.createSocket(plain, target.host(), target.port(), true)) {
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				socket.setSSLParameters(parameters);
				socket.startHandshake();
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK offers no TLS: " + ex.getMessage(), ex);
		}
		if (recorder.served == null) {
			throw new IOException("the server sent no certificate");
		}
		return new Fetched(recorder.served, recorder.failure);
	}

	private final class Recorder extends X509ExtendedTrustManager {

		private X509Certificate @Nullable [] served;

		private @Nullable CertificateException failure;

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
			this.served = chain.clone();
			try {
				ChainFetcher.this.trustManager.checkServerTrusted(chain, authType, socket);
			}
			catch (CertificateException ex) {
				this.failure = ex;
			}
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
			throw new UnsupportedOperationException("The pin tool connects with sockets only");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
			throw new UnsupportedOperationException("The pin tool connects with sockets only");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
			throw new UnsupportedOperationException("The pin tool is a client");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
			throw new UnsupportedOperationException("The pin tool is a client");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
			throw new UnsupportedOperationException("The pin tool is a client");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return ChainFetcher.this.trustManager.getAcceptedIssuers();
		}

	}

}
