package io.github.pinning;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factory of a {@link PinningSslContext}: every socket it makes is a
 * {@link CheckedSslSocket}.
 */
final class CheckedSslSocketFactory extends SSLSocketFactory {

	private final SSLSocketFactory delegate;

	private final PinningTrustManager trustManager;

	CheckedSslSocketFactory(SSLSocketFactory delegate, PinningTrustManager trustManager) {
		this.delegate = delegate;
		this.trustManager = trustManager;
	}

	private Socket checked(Socket socket) {
		return new CheckedSslSocket((SSLSocket) socket, this.trustManager);
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return this.delegate.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public Socket createSocket() throws IOException {
		return checked(this.delegate.createSocket());
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return checked(this.delegate.createSocket(socket, host, port, autoClose));
	}

	@Override
	public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
		return checked(this.delegate.createSocket(socket, consumed, autoClose));
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return checked(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return checked(this.delegate.createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return checked(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return checked(this.delegate.createSocket(address, port, localAddress, localPort));
	}

}
