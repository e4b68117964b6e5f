package io.github.pinning.test;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What most integration tests start from: a genuine server and an impostor whose certificate
 * comes from another CA, on loopback, with the JVM's trust store trusting both roots, so that
 * only pinning tells them apart; and the pin set of the genuine server's intermediate and
 * root for {@code localhost}. Registered as a static {@code @RegisterExtension} field.
 */
public final class Backends implements BeforeAllCallback, AfterAllCallback {

	/**
	 * Excludes the data clients on the integration tests' class path that would connect at
	 * start-up, for applications that do not use them.
	 */
	public static final String WITHOUT_DATA_CLIENTS = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
			+ "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
			+ "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration";

	/**
	 * One PKI for every test class of a JVM: the JDK makes its default {@code SSLContext} (and
	 * Spring Boot's {@code SslBundle.systemDefault()} with it) once, from the trust store of the
	 * first class that asks, so that a later class with roots of its own would see its genuine
	 * server refused by PKIX.
	 */
	private static final TestPki SHARED_PKI = TestPki.localhost();

	private final TestPki pki = SHARED_PKI;

	private final JvmTrustStore jvmTrust = JvmTrustStore.trusting(this.pki.root(), this.pki.rogueRoot());

	private TlsServer genuine;

	private TlsServer impostor;

	private Backends() {
	}

	/**
	 * Returns the backends, with the JVM trusting both roots while the test class runs.
	 * @return the backends, not yet started
	 */
	public static Backends trustedByTheJvm() {
		return new Backends();
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.jvmTrust.beforeAll(context);
		this.genuine = TlsServer.start(this.pki.genuineServer(), "genuine");
		this.impostor = TlsServer.start(this.pki.rogueServer(), "impostor");
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		this.genuine.close();
		this.impostor.close();
		this.jvmTrust.afterAll(context);
	}

	public TestPki pki() {
		return this.pki;
	}

	public TlsServer genuine() {
		return this.genuine;
	}

	public TlsServer impostor() {
		return this.impostor;
	}

	/**
	 * Returns the JVM's trust store while the test class runs.
	 * @return the PKCS#12 file
	 */
	public Path jvmTrustStore() {
		return this.jvmTrust.file();
	}

	/**
	 * Returns the properties of a pin set for {@code localhost} that pins the genuine
	 * intermediate and root.
	 * @param name the set's name
	 * @return the properties
	 */
	public String[] pinSet(String name) {
		return new String[] { "pinning.pin-sets." + name + ".hosts=localhost", "pinning.pin-sets." + name + ".pins="
				+ TestPki.pin(this.pki.intermediate()) + "," + TestPki.pin(this.pki.root()) };
	}

	/**
	 * Returns the URL of a server.
	 * @param server the server
	 * @return its {@code https://localhost:port/} URL
	 */
	public static String url(TlsServer server) {
		return "https://localhost:" + server.port() + "/";
	}

}
