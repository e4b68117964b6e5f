package io.github.pinning.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The TLS backends the demo calls, each an HTTPS server on loopback with its own certificate.
 */
final class DemoBackends implements AutoCloseable {

	private final DemoPki pki = new DemoPki();

	private final List<Backend> backends = new ArrayList<>();

	private final List<HttpsServer> servers = new ArrayList<>();

	private final ExecutorService executor = Executors.newFixedThreadPool(4, (runnable) -> {
		Thread thread = new Thread(runnable, "demo-backend");
		thread.setDaemon(true);
		return thread;
	});

	private final Path directory;

	private final HttpServer reportCollector;

	private final AtomicInteger reportsReceived = new AtomicInteger();

	/**
	 * One backend of the demo.
	 *
	 * @param name what it stands for
	 * @param host the host name the client calls
	 * @param port the loopback port
	 */
	record Backend(String name, String host, int port) {

		String url() {
			return "https://" + this.host + ":" + this.port + "/";
		}

	}

	DemoBackends(Path directory) {
		this.directory = directory;
		start("genuine", this.pki.bankCurrent, this.pki.issuing);
		start("rotated", this.pki.bankRotated, this.pki.issuing);
		start("impostor", this.pki.impostor);
		start("report-only", this.pki.partnerNew, this.pki.issuing);
		this.reportCollector = startReportCollector();
	}

	private HttpServer startReportCollector() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/report", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				this.reportsReceived.incrementAndGet();
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.setExecutor(this.executor);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns how many violation reports the demo's collector has received.
	 */
	int reportsReceived() {
		return this.reportsReceived.get();
	}

	private void start(String name, HeldCertificate leaf, HeldCertificate... chain) {
		X509Certificate[] intermediates = new X509Certificate[chain.length];
		for (int i = 0; i < chain.length; i++) {
			intermediates[i] = chain[i].certificate();
		}
		HandshakeCertificates certificates = new HandshakeCertificates.Builder().heldCertificate(leaf, intermediates)
			.build();
		try {
			HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(certificates.sslContext()));
			byte[] body = ("Hello from the " + name + " backend").getBytes(StandardCharsets.UTF_8);
			server.createContext("/", (exchange) -> {
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.setExecutor(this.executor);
			server.start();
			this.servers.add(server);
			String host = leaf.certificate().getSubjectX500Principal().getName().replace("CN=", "");
			this.backends.add(new Backend(name, host, server.getAddress().getPort()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<Backend> backends() {
		return this.backends;
	}

	/**
	 * Returns the properties that the sample's {@code application.yml} refers to: the pins of
	 * the generated keys, the trust file and the expiry date.
	 */
	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("demo.trusted-cas", writeTrustedCas().toUri().toString());
		properties.put("demo.pins.bank-current", DemoPki.pin(this.pki.bankCurrent));
		properties.put("demo.pins.bank-backup", DemoPki.pin(this.pki.bankRotated));
		properties.put("demo.pins.partner", DemoPki.pin(this.pki.partnerPinned));
		properties.put("demo.bank-expires", LocalDate.now(ZoneOffset.UTC).plusDays(90).toString());
		properties.put("demo.report-uri",
				"http://localhost:" + this.reportCollector.getAddress().getPort() + "/report");
		return properties;
	}

	private Path writeTrustedCas() {
		try {
			return Files.writeString(this.directory.resolve("trusted-cas.pem"),
					this.pki.root.certificatePem() + this.pki.proxyCa.certificatePem());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		for (HttpsServer server : this.servers) {
			server.stop(0);
		}
		this.reportCollector.stop(0);
		this.executor.shutdownNow();
	}

}
