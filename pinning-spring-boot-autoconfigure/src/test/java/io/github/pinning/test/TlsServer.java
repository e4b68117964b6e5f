package io.github.pinning.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;


/**
 * A TLS server on loopback that completes handshakes and answers every HTTP request with
 * {@code 200} and a fixed body, then closes the connection. Each connection gets a server
 * context of its own, so no session is ever resumed: every connection is a full handshake and
 * a full check by the client's trust manager.
 */
public final class TlsServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final ServerCertificates certificates;

	private final String[] protocols;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "tls-server");
		thread.setDaemon(true);
		return thread;
	});

	private final String body;

	private final AtomicInteger handshakes = new AtomicInteger();

	private TlsServer(ServerCertificates certificates, String body, String... protocols) throws IOException {
		this.body = body;
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
		return new TlsServer(certificates, body, protocols);
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
		try (SSLSocket socket = (SSLSocket) this.certificates.sslContext()
			.getSocketFactory()
			.createSocket(plain, null, plain.getPort(), true)) {
			socket.setUseClientMode(false);
			if (this.protocols.length > 0) {
				socket.setEnabledProtocols(this.protocols);
			}
			socket.setSoTimeout(10_000);
			socket.startHandshake();
			this.handshakes.incrementAndGet();
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			String line = reader.readLine();
			while (line != null && !line.isEmpty()) {
				line = reader.readLine();
			}
			byte[] content = this.body.getBytes(StandardCharsets.UTF_8);
			OutputStream out = socket.getOutputStream();
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + content.length
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
		}
		catch (SocketException ex) {
			// The client went away, typically after refusing the certificate.
		}
		catch (IOException ex) {
			// A failed handshake is what many tests expect.
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		this.executor.shutdownNow();
	}

}
