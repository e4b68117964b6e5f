package io.github.pinning.test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;


/**
 * A TLS server on loopback that completes handshakes and answers every HTTP request with
 * {@code 200} and a fixed body (or a redirect), then closes the connection. Unless started as
 * {@link #resumable resumable}, each connection gets a server context of its own, so no session
 * is ever resumed: every connection is a full handshake and a full check by the client's trust
 * manager.
 */
public final class TlsServer implements AutoCloseable {

	private static final String TEXT = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n";

	private final ServerSocket serverSocket;

	private final ServerCertificates certificates;

	private final String[] protocols;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "tls-server");
		thread.setDaemon(true);
		return thread;
	});

	private final byte[] response;

	private final @Nullable SSLContext sharedContext;

	private final @Nullable X509TrustManager clientTrust;

	private final AtomicInteger handshakes = new AtomicInteger();

	private final AtomicInteger connectionsWithData = new AtomicInteger();

	private TlsServer(ServerCertificates certificates, String head, String body, boolean resumable,
			@Nullable X509TrustManager clientTrust, String... protocols) throws IOException {
		this.clientTrust = clientTrust;
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		this.response = concat((head + "Content-Length: " + content.length
				+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), content);
		this.sharedContext = resumable ? certificates.sslContext() : null;
		this.certificates = certificates;
		this.protocols = protocols;
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor.execute(this::acceptLoop);
	}

	/**
	 * Starts a server on an ephemeral port of the loopback address.
	 * @param certificates the server's key and the chain it sends
	 * @param body the body of every response
	 * @param protocols the TLS protocols to enable, or none for the JDK's default
	 * @return the running server
	 * @throws IOException if the socket cannot be bound
	 */
	public static TlsServer start(ServerCertificates certificates, String body, String... protocols)
			throws IOException {
		return new TlsServer(certificates, TEXT, body, false, null, protocols);
	}

	/**
	 * Starts a server that answers every request with the same JSON document.
	 * @param certificates the server's key and the chain it sends
	 * @param json the body of every response
	 * @return the running server
	 * @throws IOException if the socket cannot be bound
	 */
	public static TlsServer json(ServerCertificates certificates, String json) throws IOException {
		return new TlsServer(certificates, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", json, false, null);
	}

	/**
	 * Starts a server that keeps one server context, so that clients may resume sessions.
	 * @param certificates the server's key and the chain it sends
	 * @param body the body of every response
	 * @param protocols the TLS protocols to enable, or none for the JDK's default
	 * @return the running server
	 * @throws IOException if the socket cannot be bound
	 */
	public static TlsServer resumable(ServerCertificates certificates, String body, String... protocols)
			throws IOException {
		return new TlsServer(certificates, TEXT, body, true, null, protocols);
	}

	/**
	 * Starts a server that answers every request with a redirect.
	 * @param certificates the server's key and the chain it sends
	 * @param location where it redirects to
	 * @return the running server
	 * @throws IOException if the socket cannot be bound
	 */
	public static TlsServer redirecting(ServerCertificates certificates, String location) throws IOException {
		return new TlsServer(certificates,
				"HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Type: text/plain\r\n", "", false,
				null);
	}

	/**
	 * Starts a server that requires a client certificate that the given trust manager accepts.
	 * @param certificates the server's key and the chain it sends
	 * @param body the body of every response
	 * @param clientTrust what client certificates it accepts
	 * @return the running server
	 * @throws IOException if the socket cannot be bound
	 */
	public static TlsServer requiringClientCertificate(ServerCertificates certificates, String body,
			X509TrustManager clientTrust) throws IOException {
		return new TlsServer(certificates, TEXT, body, false, clientTrust);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/**
	 * Returns the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Returns how many handshakes the server completed.
	 * @return the count
	 */
	public int handshakes() {
		return this.handshakes.get();
	}

	/**
	 * Returns how many connections sent the server application data after their handshake: a
	 * client that refuses the server once its handshake has completed sends none.
	 * @return the count
	 */
	public int connectionsWithData() {
		return this.connectionsWithData.get();
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket plain = this.serverSocket.accept();
				this.executor.execute(() -> serve(plain));
			}
			catch (IOException ex) {
				if (this.serverSocket.isClosed()) {
					return;
				}
			}
		}
	}

	private void serve(Socket plain) {
		SSLContext context = (this.sharedContext != null) ? this.sharedContext
				: this.certificates.sslContext(this.clientTrust);
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
			.createSocket(plain, null, plain.getPort(), true)) {
			socket.setUseClientMode(false);
			socket.setNeedClientAuth(this.clientTrust != null);
			if (this.protocols.length > 0) {
				socket.setEnabledProtocols(this.protocols);
			}
			socket.setSoTimeout(10_000);
			socket.startHandshake();
			this.handshakes.incrementAndGet();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			in.mark(1);
			if (in.read() < 0) {
				return;
			}
			this.connectionsWithData.incrementAndGet();
			in.reset();
			if (!readsHttpHead(in)) {
				return;
			}
			OutputStream out = socket.getOutputStream();
			out.write(this.response);
			out.flush();
		}
		catch (SocketException ex) {
			// The client went away, typically after refusing the certificate.
		}
		catch (IOException ex) {
			// A failed handshake is what many tests expect.
		}
	}

	/**
	 * Reads a request's head up to its empty line; a client that sends anything but text (the
	 * first bytes of AMQP, CQL or gRPC) is answered at once by closing the connection, not left
	 * to wait for a line that never ends.
	 * @param in what the client sends
	 * @return whether an HTTP head arrived (or the client stopped sending), not something else
	 */
	private static boolean readsHttpHead(InputStream in) throws IOException {
		int lineLength = 0;
		for (int next = in.read(); next >= 0; next = in.read()) {
			if (next == '\n') {
				if (lineLength == 0) {
					return true;
				}
				lineLength = 0;
			}
			else if (next != '\r') {
				if ((next < 0x20 && next != '\t') || next > 0x7e) {
					return false;
				}
				lineLength++;
			}
		}
		return true;
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		this.executor.shutdownNow();
	}

}
