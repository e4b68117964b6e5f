package io.github.pinning.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Client handshakes against a local server, through the two paths the JDK has for a trust
 * manager: an {@link SSLSocket} and an {@code SSLEngine} (the JDK's HTTP client).
 */
public final class Handshakes {

	/** How the client reaches the server. */
	public enum Transport {

		/** An {@link SSLSocket} layered over a loopback socket, for any host name. */
		SOCKET,

		/** The JDK's {@link HttpClient}, which runs TLS on an {@code SSLEngine}. */
		ENGINE

	}

	private Handshakes() {
	}

	/**
	 * Returns an {@link SSLContext} that uses the given trust manager.
	 * @param trustManager the trust manager
	 * @return the context
	 */
	public static SSLContext sslContext(TrustManager trustManager) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { trustManager }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Completes a handshake with HTTPS endpoint identification, as an HTTP client would.
	 * @param transport socket or engine
	 * @param trustManager the client's trust manager
	 * @param host the host name the client believes it connects to (an engine connects to
	 * {@code localhost} only)
	 * @param port the server's loopback port
	 * @param protocol the TLS protocol, for example {@code TLSv1.3}
	 * @throws Exception whatever the handshake throws
	 */
	public static void connect(Transport transport, TrustManager trustManager, String host, int port,
			String protocol) throws Exception {
		connect(transport, sslContext(trustManager), host, port, protocol);
	}

	/**
	 * Completes a handshake with a client context that may be reused, so that its sessions can
	 * be resumed.
	 * @param transport socket or engine
	 * @param context the client's context
	 * @param host the host name the client believes it connects to
	 * @param port the server's loopback port
	 * @param protocol the TLS protocol
	 * @throws Exception whatever the handshake throws
	 */
	public static void connect(Transport transport, SSLContext context, String host, int port, String protocol)
			throws Exception {
		if (transport == Transport.SOCKET) {
			viaSocket(context, host, port, protocol);
		}
		else {
			viaEngine(context, host, port, protocol);
		}
	}

	private static void viaSocket(SSLContext context, String host, int port, String protocol) throws IOException {
		try (SSLSocket socket = socket(context, host, port, protocol)) {
			socket.startHandshake();
			// A request and its answer, so that post-handshake messages (TLS 1.3 session
			// tickets) are read as a real client would.
			exchange(socket, host);
		}
	}

	/**
	 * Returns a client socket with HTTPS endpoint identification, layered over a loopback
	 * connection, before its handshake.
	 * @param context the client's context
	 * @param host the host name the client believes it connects to
	 * @param port the server's loopback port
	 * @param protocol the TLS protocol
	 * @return the socket
	 * @throws IOException if the server cannot be reached
	 */
	public static SSLSocket socket(SSLContext context, String host, int port, String protocol) throws IOException {
		Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
		socket.setSoTimeout(10_000);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		parameters.setProtocols(new String[] { protocol });
		socket.setSSLParameters(parameters);
		return socket;
	}

	/**
	 * Sends a request over a socket and reads the whole answer, with whatever post-handshake
	 * messages come before it.
	 * @param socket the client socket
	 * @param host the host the request names
	 * @return the answer's body, or all of it if it has no head (the server may hang up on a
	 * request it cannot read)
	 * @throws IOException if the exchange fails
	 */
	public static String exchange(SSLSocket socket, String host) throws IOException {
		socket.getOutputStream()
			.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
		String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		int head = answer.indexOf("\r\n\r\n");
		return (head < 0) ? answer : answer.substring(head + 4);
	}

	private static void viaEngine(SSLContext context, String host, int port, String protocol) throws Exception {
		SSLParameters parameters = new SSLParameters();
		parameters.setProtocols(new String[] { protocol });
		HttpClient client = HttpClient.newBuilder()
			.sslContext(context)
			.sslParameters(parameters)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/"))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Unexpected status " + response.statusCode());
		}
	}

}
