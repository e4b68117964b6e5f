package io.github.pinning.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A violation report collector on loopback that keeps what it receives and answers as told:
 * with a status, or never.
 */
public final class ReportCollector implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "report-collector");
		thread.setDaemon(true);
		return thread;
	});

	private final List<String> reports = new CopyOnWriteArrayList<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final int status;

	private ReportCollector(HttpServer server, int status) {
		this.server = server;
		this.status = status;
		server.createContext("/report", this::collect);
		server.setExecutor(this.executor);
		server.start();
	}

	/**
	 * Starts a plain HTTP collector.
	 * @param status what it answers, or {@code -1} to never answer
	 * @return the running collector
	 * @throws IOException if it cannot bind
	 */
	public static ReportCollector http(int status) throws IOException {
		return new ReportCollector(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
				status);
	}

	/**
	 * Starts an HTTPS collector that presents the given certificates.
	 * @param certificates its key and chain
	 * @param status what it answers
	 * @return the running collector
	 * @throws IOException if it cannot bind
	 */
	public static ReportCollector https(ServerCertificates certificates, int status) throws IOException {
		HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		SSLContext context = certificates.sslContext();
		server.setHttpsConfigurator(new HttpsConfigurator(context));
		return new ReportCollector(server, status);
	}

	private void collect(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			this.reports.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
		}
		if (this.status < 0) {
			try {
				this.closed.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		exchange.sendResponseHeaders(Math.max(this.status, 200), -1);
		exchange.close();
	}

	/**
	 * Returns the URI reports are POSTed to.
	 * @param host the host name to use in it
	 * @return the URI
	 */
	public URI uri(String host) {
		String scheme = (this.server instanceof HttpsServer) ? "https" : "http";
		return URI.create(scheme + "://" + host + ":" + this.server.getAddress().getPort() + "/report");
	}

	/**
	 * Returns the bodies received so far.
	 * @return the reports
	 */
	public List<String> reports() {
		return this.reports;
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
