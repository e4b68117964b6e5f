package io.github.pinning.integration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.github.pinning.test.ServerCertificates;

/**
 * An SMTP server over implicit TLS (SMTPS) on loopback that answers just enough of the
 * protocol for a client to connect, greet and quit: what a mail sender's connection test does.
 */
final class SmtpsServer implements AutoCloseable {

	private final SSLServerSocket serverSocket;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger sessions = new AtomicInteger();

	private SmtpsServer(ServerCertificates certificates) throws IOException {
		this.serverSocket = (SSLServerSocket) certificates.sslContext()
			.getServerSocketFactory()
			.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor.execute(this::acceptLoop);
	}

	static SmtpsServer start(ServerCertificates certificates) throws IOException {
		return new SmtpsServer(certificates);
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/** How many clients completed the handshake and greeted the server. */
	int sessions() {
		return this.sessions.get();
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				SSLSocket socket = (SSLSocket) this.serverSocket.accept();
				this.executor.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				// Closed, or a client that went away.
			}
		}
	}

	private void serve(SSLSocket socket) {
		try (socket) {
			socket.setSoTimeout(10_000);
			socket.startHandshake();
			OutputStream out = socket.getOutputStream();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			reply(out, "220 localhost ESMTP");
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String command = line.toUpperCase(java.util.Locale.ROOT);
				if (command.startsWith("EHLO") || command.startsWith("HELO")) {
					this.sessions.incrementAndGet();
					reply(out, "250 localhost");
				}
				else if (command.startsWith("QUIT")) {
					reply(out, "221 bye");
					return;
				}
				else {
					reply(out, "250 ok");
				}
			}
		}
		catch (IOException ex) {
			// A refused handshake is what many tests expect.
		}
	}

	private static void reply(OutputStream out, String line) throws IOException {
		out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		this.executor.shutdownNow();
	}

}
