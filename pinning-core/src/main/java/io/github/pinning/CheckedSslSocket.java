package io.github.pinning;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * A socket of a {@link PinningSslContext}: the socket it wraps, with its session checked
 * against the pins before the client uses the connection, whichever way it completes the
 * handshake ({@link #startHandshake()}, {@link #getSession()} or its first read or write). A
 * connection that pinning refuses is closed, and every later use of it fails.
 */
final class CheckedSslSocket extends SSLSocket {

	/** The cipher suite of the session the JDK returns while no handshake has completed. */
	private static final String NO_HANDSHAKE = "SSL_NULL_WITH_NULL_NULL";

	private final SSLSocket delegate;

	private final CompletedHandshakeCheck check;

	/** Whether the handshake was started through this socket, so that it is never started twice. */
	private volatile boolean handshakeStarted;

	private @Nullable BiFunction<SSLSocket, List<String>, String> protocolSelector;

	CheckedSslSocket(SSLSocket delegate, PinningTrustManager trustManager) {
		this.delegate = delegate;
		this.check = new CompletedHandshakeCheck(trustManager);
		CompletionCheckedConnections.add(delegate);
	}

	@Override
	public void startHandshake() throws IOException {
		this.handshakeStarted = true;
		this.delegate.startHandshake();
		checkSession(this.delegate.getSession());
	}

	@Override
	public SSLSession getSession() {
		this.handshakeStarted = true;
		SSLSession session = this.delegate.getSession();
		try {
			checkSession(session);
		}
		catch (IOException ex) {
			// Closed: the refusal is thrown by every later use of the connection.
		}
		return session;
	}

	/** Checks the session once its handshake is over, before the connection's first use. */
	private void beforeUse() throws IOException {
		if (this.check.isDone()) {
			this.check.throwIfRefused();
		}
		else if (!this.handshakeStarted) {
			startHandshake();
		}
		else {
			checkSession(this.delegate.getSession());
		}
	}

	/**
	 * Checks a client session, unless it is the JDK's stand-in for a handshake that has not
	 * completed (whose failure the connection's next use reports).
	 */
	private void checkSession(SSLSession session) throws IOException {
		if (!this.delegate.getUseClientMode() || NO_HANDSHAKE.equals(session.getCipherSuite())) {
			return;
		}
		try {
			this.check.check(session.getPeerHost(), this.delegate.getSSLParameters(), session);
		}
		catch (IOException ex) {
			this.delegate.close();
			throw ex;
		}
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return new CheckedInputStream(this.delegate.getInputStream());
	}

	@Override
	public OutputStream getOutputStream() throws IOException {
		return new CheckedOutputStream(this.delegate.getOutputStream());
	}

	@Override
	public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
		this.delegate.addHandshakeCompletedListener(listener);
	}

	@Override
	public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
		this.delegate.removeHandshakeCompletedListener(listener);
	}

	@Override
	public @Nullable SSLSession getHandshakeSession() {
		return this.delegate.getHandshakeSession();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return this.delegate.getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.delegate.setEnabledCipherSuites(suites);
	}

	@Override
	public String[] getSupportedProtocols() {
		return this.delegate.getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return this.delegate.getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.delegate.setEnabledProtocols(protocols);
	}

	@Override
	public void setUseClientMode(boolean mode) {
		this.delegate.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.delegate.getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		this.delegate.setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.delegate.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		this.delegate.setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return this.delegate.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		this.delegate.setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return this.delegate.getEnableSessionCreation();
	}

	@Override
	public SSLParameters getSSLParameters() {
		return this.delegate.getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters parameters) {
		this.delegate.setSSLParameters(parameters);
	}

	@Override
	public @Nullable String getApplicationProtocol() {
		return this.delegate.getApplicationProtocol();
	}

	@Override
	public @Nullable String getHandshakeApplicationProtocol() {
		return this.delegate.getHandshakeApplicationProtocol();
	}

	@Override
	public void setHandshakeApplicationProtocolSelector(
			@Nullable BiFunction<SSLSocket, List<String>, String> selector) {
		this.protocolSelector = selector;
		this.delegate.setHandshakeApplicationProtocolSelector(
				(selector != null) ? (socket, protocols) -> selector.apply(this, protocols) : null);
	}

	@Override
	public @Nullable BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
		return this.protocolSelector;
	}

	@Override
	public void connect(SocketAddress endpoint) throws IOException {
		this.delegate.connect(endpoint);
	}

	@Override
	public void connect(SocketAddress endpoint, int timeout) throws IOException {
		this.delegate.connect(endpoint, timeout);
	}

	@Override
	public void bind(SocketAddress bindpoint) throws IOException {
		this.delegate.bind(bindpoint);
	}

	@Override
	public InetAddress getInetAddress() {
		return this.delegate.getInetAddress();
	}

	@Override
	public InetAddress getLocalAddress() {
		return this.delegate.getLocalAddress();
	}

	@Override
	public int getPort() {
		return this.delegate.getPort();
	}

	@Override
	public int getLocalPort() {
		return this.delegate.getLocalPort();
	}

	@Override
	public SocketAddress getRemoteSocketAddress() {
		return this.delegate.getRemoteSocketAddress();
	}

	@Override
	public SocketAddress getLocalSocketAddress() {
		return this.delegate.getLocalSocketAddress();
	}

	@Override
	public @Nullable SocketChannel getChannel() {
		return this.delegate.getChannel();
	}

	@Override
	public void setTcpNoDelay(boolean on) throws SocketException {
		this.delegate.setTcpNoDelay(on);
	}

	@Override
	public boolean getTcpNoDelay() throws SocketException {
		return this.delegate.getTcpNoDelay();
	}

	@Override
	public void setSoLinger(boolean on, int linger) throws SocketException {
		this.delegate.setSoLinger(on, linger);
	}

	@Override
	public int getSoLinger() throws SocketException {
		return this.delegate.getSoLinger();
	}

	@Override
	public void sendUrgentData(int data) throws IOException {
		this.delegate.sendUrgentData(data);
	}

	@Override
	public void setOOBInline(boolean on) throws SocketException {
		this.delegate.setOOBInline(on);
	}

	@Override
	public boolean getOOBInline() throws SocketException {
		return this.delegate.getOOBInline();
	}

	@Override
	public void setSoTimeout(int timeout) throws SocketException {
		this.delegate.setSoTimeout(timeout);
	}

	@Override
	public int getSoTimeout() throws SocketException {
		return this.delegate.getSoTimeout();
	}

	@Override
	public void setSendBufferSize(int size) throws SocketException {
		this.delegate.setSendBufferSize(size);
	}

	@Override
	public int getSendBufferSize() throws SocketException {
		return this.delegate.getSendBufferSize();
	}

	@Override
	public void setReceiveBufferSize(int size) throws SocketException {
		this.delegate.setReceiveBufferSize(size);
	}

	@Override
	public int getReceiveBufferSize() throws SocketException {
		return this.delegate.getReceiveBufferSize();
	}

	@Override
	public void setKeepAlive(boolean on) throws SocketException {
		this.delegate.setKeepAlive(on);
	}

	@Override
	public boolean getKeepAlive() throws SocketException {
		return this.delegate.getKeepAlive();
	}

	@Override
	public void setTrafficClass(int tc) throws SocketException {
		this.delegate.setTrafficClass(tc);
	}

	@Override
	public int getTrafficClass() throws SocketException {
		return this.delegate.getTrafficClass();
	}

	@Override
	public void setReuseAddress(boolean on) throws SocketException {
		this.delegate.setReuseAddress(on);
	}

	@Override
	public boolean getReuseAddress() throws SocketException {
		return this.delegate.getReuseAddress();
	}

	@Override
	public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
		this.delegate.setPerformancePreferences(connectionTime, latency, bandwidth);
	}

	@Override
	public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
		this.delegate.setOption(name, value);
		return this;
	}

	@Override
	public <T> T getOption(SocketOption<T> name) throws IOException {
		return this.delegate.getOption(name);
	}

	@Override
	public Set<SocketOption<?>> supportedOptions() {
		return this.delegate.supportedOptions();
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

	@Override
	public void shutdownInput() throws IOException {
		this.delegate.shutdownInput();
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.delegate.shutdownOutput();
	}

	@Override
	public boolean isConnected() {
		return this.delegate.isConnected();
	}

	@Override
	public boolean isBound() {
		return this.delegate.isBound();
	}

	@Override
	public boolean isClosed() {
		return this.delegate.isClosed();
	}

	@Override
	public boolean isInputShutdown() {
		return this.delegate.isInputShutdown();
	}

	@Override
	public boolean isOutputShutdown() {
		return this.delegate.isOutputShutdown();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

	/** The socket's input, read only once the connection has passed its check. */
	private final class CheckedInputStream extends FilterInputStream {

		CheckedInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			beforeUse();
			return super.read();
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			beforeUse();
			return this.in.read(bytes, offset, length);
		}

		@Override
		public long skip(long n) throws IOException {
			beforeUse();
			return super.skip(n);
		}

		@Override
		public int available() throws IOException {
			beforeUse();
			return super.available();
		}

	}

	/** The socket's output, written only once the connection has passed its check. */
	private final class CheckedOutputStream extends FilterOutputStream {

		CheckedOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			beforeUse();
			this.out.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			beforeUse();
			this.out.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			beforeUse();
			this.out.flush();
		}

		@Override
		public void close() throws IOException {
			this.out.close();
		}

	}

}
