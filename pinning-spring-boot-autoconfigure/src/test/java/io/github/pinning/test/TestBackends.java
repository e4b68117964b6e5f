package io.github.pinning.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A genuine and a rogue HTTPS server for {@code localhost} on loopback, a PEM file that trusts
 * both their roots, and the properties that pin the genuine one: what most client tests need.
 * Registered as a static {@code @RegisterExtension} field, the servers run for the test class.
 */
public final class TestBackends implements BeforeAllCallback, AfterAllCallback {

	private final TestPki pki = TestPki.localhost();

	private TlsServer genuine;

	private TlsServer rogue;

	private TlsServer rogueWithGenuineChain;

	private TlsServer caSignerAttack;

	private Path directory;

	private Path trust;

	private TestBackends() {
	}

	/**
	 * Returns backends that start before the test class and stop after it.
	 * @return the backends, not yet started
	 */
	public static TestBackends perClass() {
		return new TestBackends();
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.genuine = TlsServer.start(this.pki.genuineServer(), "genuine");
		this.rogue = TlsServer.start(this.pki.rogueServer(), "rogue");
		this.rogueWithGenuineChain = TlsServer.start(TestPki.serving(this.pki.rogueLeaf(),
				this.pki.intermediate().certificate(), this.pki.root().certificate()), "rogue with the genuine chain");
		this.caSignerAttack = TlsServer.start(this.pki.caSignerAttack(2, 0, 1), "signed by an ordinary certificate");
		this.directory = Files.createTempDirectory("pinning");
		this.trust = TrustFiles.pem(this.directory.resolve("trust.pem"), this.pki.root(), this.pki.rogueRoot());
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		this.genuine.close();
		this.rogue.close();
		this.rogueWithGenuineChain.close();
		this.caSignerAttack.close();
	}

	public TestPki pki() {
		return this.pki;
	}

	public TlsServer genuine() {
		return this.genuine;
	}

	public TlsServer rogue() {
		return this.rogue;
	}

	/**
	 * Returns the server that sends the rogue leaf followed by the genuine, pinned intermediate
	 * and root (CVE-2016-2402).
	 * @return the server
	 */
	public TlsServer rogueWithGenuineChain() {
		return this.rogueWithGenuineChain;
	}

	/**
	 * Returns the server whose leaf is signed with the key of an ordinary certificate of the
	 * genuine intermediate, which a rogue root certified as a CA (see
	 * {@link TestPki#caSignerAttack(int...)}).
	 * @return the server
	 */
	public TlsServer caSignerAttack() {
		return this.caSignerAttack;
	}

	/**
	 * Returns a folder the tests may write to.
	 * @return the folder
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Returns the URL of a server.
	 * @param server the server
	 * @return its {@code https://localhost:port/} URL
	 */
	public static String url(TlsServer server) {
		return "https://localhost:" + server.port() + "/";
	}

	/**
	 * Returns the properties of a pin set {@code local} for {@code localhost} that pins the
	 * genuine intermediate and root.
	 * @return the properties
	 */
	public String[] pinSet() {
		return new String[] { "pinning.pin-sets.local.hosts=localhost", "pinning.pin-sets.local.pins="
				+ TestPki.pin(this.pki.intermediate()) + "," + TestPki.pin(this.pki.root()) };
	}

	/**
	 * Returns the properties of an SSL bundle {@code test} that trusts both roots.
	 * @param applicationWide whether every client Spring Boot builds uses it
	 * @return the properties
	 */
	public String[] trustBundle(boolean applicationWide) {
		String bundle = "spring.ssl.bundle.pem.test.truststore.certificate=" + this.trust.toUri();
		return applicationWide ? new String[] { bundle, "spring.http.clients.ssl.bundle=test" }
				: new String[] { bundle };
	}

	/**
	 * Returns a runner of an application whose clients Spring Boot builds and pinning pins:
	 * the pin set of {@link #pinSet()}, the application-wide {@link #trustBundle(boolean) trust
	 * bundle}, and the JDK's HTTP client as request factory.
	 * @return the runner
	 */
	public ApplicationContextRunner pinnedClientsRunner() {
		return new ApplicationContextRunner().withConfiguration(ClientConfigurations.PINNED_CLIENTS)
			.withPropertyValues(pinSet())
			.withPropertyValues(trustBundle(true))
			.withPropertyValues("spring.http.clients.imperative.factory=jdk");
	}

}
