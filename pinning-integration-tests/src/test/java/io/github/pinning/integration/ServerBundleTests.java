package io.github.pinning.integration;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.github.pinning.autoconfigure.ssl.PinningSslBundleRegistry;
import jakarta.servlet.http.HttpServletRequest;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TrustFiles;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A servlet application that serves HTTPS from an SSL bundle and requires client
 * certificates, with pinning on and a pin set for its own host name that its own certificate
 * does not match: the server still accepts its clients, since pinning checks only the
 * certificates of servers this application connects to.
 */
class ServerBundleTests {

	private final TestPki pki = TestPki.localhost();

	private final HeldCertificate clientCa = new HeldCertificate.Builder().commonName("Client CA")
		.certificateAuthority(0)
		.build();

	private final HeldCertificate client = new HeldCertificate.Builder().commonName("client")
		.signedBy(this.clientCa)
		.build();

	@Test
	void servesItsClientsAsWithoutTheStarter(@TempDir Path directory) throws Exception {
		HeldCertificate server = this.pki.leaf();
		Path chain = Files.writeString(directory.resolve("server.pem"),
				server.certificatePem() + this.pki.intermediate().certificatePem());
		Path key = Files.writeString(directory.resolve("server-key.pem"), server.privateKeyPkcs8Pem());
		Path clients = Files.writeString(directory.resolve("client-ca.pem"), this.clientCa.certificatePem());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HelloApplication.class)
			.properties("server.port=0", "server.ssl.bundle=server", "server.ssl.client-auth=need",
					"spring.cloud.config.enabled=false",
					"spring.ssl.bundle.pem.server.keystore.certificate=" + chain.toUri(),
					"spring.ssl.bundle.pem.server.keystore.private-key=" + key.toUri(),
					"spring.ssl.bundle.pem.server.truststore.certificate=" + clients.toUri(),
					"pinning.pin-sets.self.hosts=localhost",
					"pinning.pin-sets.self.pins=" + TestPki.pin(this.pki.rogueRoot()) + ","
							+ TestPki.pin(this.pki.rogueLeaf()))
			.run()) {
			assertThat(context.getBean(SslBundles.class)).isInstanceOf(PinningSslBundleRegistry.class);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> response = get(port, clientContext(directory));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello client");
			SSLContext withoutCertificate = SSLContext.getInstance("TLS");
			withoutCertificate.init(null, new TrustManager[] { TestPki.trusting(this.pki.root()) }, null);
			assertThat(catchThrowable(() -> get(port, withoutCertificate)))
				.as("without a client certificate, refused as ever")
				.isNotNull();
		}
	}

	private SSLContext clientContext(Path directory) throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream input = Files.newInputStream(TrustFiles.keyStore(directory.resolve("client.p12"), this.client))) {
			keyStore.load(input, TrustFiles.PASSWORD.toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(keyStore, TrustFiles.PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), new TrustManager[] { TestPki.trusting(this.pki.root()) }, null);
		return context;
	}

	private static HttpResponse<String> get(int port, SSLContext sslContext) throws Exception {
		return HttpClient.newBuilder()
			.sslContext(sslContext)
			.build()
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/hello")).build(),
					BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration" })
	@RestController
	static class HelloApplication {

		@GetMapping("/hello")
		String hello(HttpServletRequest request) {
			X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
			return "hello " + ((chain != null) ? chain[0].getSubjectX500Principal().getName().replace("CN=", "") : "nobody");
		}

	}

}
