package io.github.pinning.integration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.pinning.test.ServerCertificates;

/**
 * An HTTPS server on loopback, the JDK's own, that answers every request to each of its paths
 * with the same body: the endpoint a library's client is pointed at, genuine or impostor.
 */
public final class FixedAnswerServer implements AutoCloseable {

	private final HttpsServer server;

	private FixedAnswerServer(HttpsServer server) {
		this.server = server;
	}

	/**
	 * Starts a server.
	 * @param certificates the certificates it serves
	 * @param contentType the content type of every answer
	 * @param answers the answer of each path
	 * @return the started server
	 * @throws IOException if it cannot be started
	 */
	public static FixedAnswerServer start(ServerCertificates certificates, String contentType,
			Map<String, String> answers) throws IOException {
		HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(certificates.sslContext()));
		answers.forEach((path, answer) -> server.createContext(path,
				(exchange) -> answer(exchange, contentType, answer)));
		server.start();
		return new FixedAnswerServer(server);
	}

	private static void answer(HttpExchange exchange, String contentType, String answer) throws IOException {
		exchange.getRequestBody().readAllBytes();
		byte[] body = answer.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Returns the URL of a path, by the host name the test PKI's certificates name.
	 */
	public String url(String path) {
		return "https://localhost:" + port() + path;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
