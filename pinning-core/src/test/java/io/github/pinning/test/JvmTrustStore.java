package io.github.pinning.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the JVM's default trust store ({@code javax.net.ssl.trustStore}) one that trusts the
 * given roots while a test class runs, and puts the properties back after it. Registered as a
 * static {@code @RegisterExtension} field.
 */
public final class JvmTrustStore implements BeforeAllCallback, AfterAllCallback {

	private final HeldCertificate[] roots;

	private Path file;

	private JvmTrustStore(HeldCertificate... roots) {
		this.roots = roots;
	}

	/**
	 * Returns an extension that makes the JVM trust the given roots.
	 * @param roots the trusted roots
	 * @return the extension
	 */
	public static JvmTrustStore trusting(HeldCertificate... roots) {
		return new JvmTrustStore(roots);
	}

	/**
	 * Returns the PKCS#12 trust store file, while the test class runs.
	 * @return the file
	 */
	public Path file() {
		return this.file;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.file = TrustFiles.pkcs12(Files.createTempDirectory("jvm-trust").resolve("jvm-trust.p12"), this.roots);
		properties().forEach(System::setProperty);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		properties().keySet().forEach(System::clearProperty);
	}

	private Map<String, String> properties() {
		return Map.of("javax.net.ssl.trustStore", this.file.toString(), "javax.net.ssl.trustStorePassword",
				TrustFiles.PASSWORD, "javax.net.ssl.trustStoreType", "PKCS12");
	}

}
