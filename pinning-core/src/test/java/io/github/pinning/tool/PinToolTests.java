package io.github.pinning.tool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.X509ExtendedTrustManager;

import io.github.pinning.test.TestPki;
import okhttp3.tls.HeldCertificate;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.TrustFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PinToolTests {

	private static TestPki pki;

	private static TlsServer genuine;

	private static TlsServer rogue;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeAll
	static void start() throws Exception {
		pki = TestPki.localhost();
		genuine = TlsServer.start(pki.genuineServer(), "genuine");
		rogue = TlsServer.start(pki.rogueServer(), "rogue");
	}

	@AfterAll
	static void stop() throws Exception {
		genuine.close();
		rogue.close();
	}

	@Test
	void printsTheServedAndValidatedChainsWithTheAnchorTheServerDidNotSend() {
		assertThat(run("localhost:" + genuine.port())).isEqualTo(PinTool.OK);
		String leaf = TestPki.pin(pki.leaf()).toString();
		String intermediate = TestPki.pin(pki.intermediate()).toString();
		String root = TestPki.pin(pki.root()).toString();
		assertThat(out()).contains("localhost:" + genuine.port() + ": served chain (2 certificates), validated")
			.containsPattern("leaf +" + quote(leaf) + "  CN=localhost  expires \\d{4}-\\d{2}-\\d{2}\\n")
			.containsPattern("intermediate +" + quote(intermediate) + "  CN=Genuine Intermediate CA")
			.containsPattern("root +" + quote(root) + "  CN=Genuine Root CA  expires \\S+  \\(trust anchor, not sent\\)")
			.contains("""
					pinning:
					  pin-sets:
					    localhost:
					      hosts: [localhost]
					""")
			.contains("        - " + leaf + "   # leaf: CN=localhost")
			.contains("        - " + intermediate + "   # intermediate: CN=Genuine Intermediate CA")
			.contains("        - " + root + "   # root: CN=Genuine Root CA");
		assertThat(err()).isEmpty();
	}

	@Test
	void acceptsAUrl() {
		assertThat(run("https://localhost:" + genuine.port() + "/some/path?q=1")).isEqualTo(PinTool.OK);
		assertThat(out()).contains("localhost:" + genuine.port() + ": served chain");
	}

	@Test
	void refusesAChainTheTrustStoreDoesNotValidateUnlessInsecure() {
		assertThat(run("localhost:" + rogue.port(), pki.root())).isEqualTo(PinTool.FAILED);
		assertThat(err()).contains("serves a chain that the trust store does not validate")
			.contains("Pass --truststore FILE if its CA is private, or --insecure");
		assertThat(out()).isEmpty();
		this.err.reset();
		assertThat(run(new String[] { "--insecure", "localhost:" + rogue.port() }, pki.root())).isEqualTo(PinTool.OK);
		assertThat(err()).startsWith("WARNING: localhost:" + rogue.port() + " serves a chain that the trust store"
				+ " does not validate; it is shown because of --insecure.");
		assertThat(out()).contains("NOT validated by the trust store")
			.contains(TestPki.pin(pki.rogueLeaf()).toString())
			.doesNotContain("Validated chain");
	}

	@Test
	void trustsAPrivateCaFromAPemOrPkcs12TrustStore(@TempDir Path directory) throws Exception {
		Path pem = TrustFiles.pem(directory.resolve("private-ca.pem"), pki.rogueRoot());
		Path pkcs12 = TrustFiles.pkcs12(directory.resolve("private-ca.p12"), pki.rogueRoot());
		String target = "localhost:" + rogue.port();
		assertThat(run(new String[] { "--truststore", pem.toString(), target }, pki.root())).isEqualTo(PinTool.OK);
		assertThat(out()).contains(target + ": served chain (1 certificate), validated by the trust store")
			.contains(TestPki.pin(pki.rogueRoot()) + "  CN=Rogue Root CA");
		assertThat(err()).isEmpty();
		this.out.reset();
		assertThat(run(new String[] { "--truststore", pkcs12.toString(), "--truststore-password", TrustFiles.PASSWORD,
				target }, pki.root()))
			.isEqualTo(PinTool.OK);
		assertThat(out()).contains("validated by the trust store");
		this.out.reset();
		assertThat(run(new String[] { "--truststore", pem.toString(), "localhost:" + genuine.port() }, pki.root()))
			.as("the given trust store replaces the default one")
			.isEqualTo(PinTool.FAILED);
	}

	@Test
	void aTrustStoreThatCannotBeReadIsAUsageError(@TempDir Path directory) throws Exception {
		assertThat(run(new String[] { "--truststore" }, pki.root())).isEqualTo(PinTool.USAGE);
		assertThat(err()).contains("--truststore needs a file");
		this.err.reset();
		assertThat(run(new String[] { "--truststore", directory.resolve("missing.pem").toString(), "localhost:1" },
				pki.root()))
			.isEqualTo(PinTool.USAGE);
		assertThat(err()).contains("Could not read the trust store");
		this.err.reset();
		Path pkcs12 = TrustFiles.pkcs12(directory.resolve("locked.p12"), pki.rogueRoot());
		assertThat(run(new String[] { "--truststore", pkcs12.toString(), "localhost:1" }, pki.root()))
			.isEqualTo(PinTool.USAGE);
		assertThat(err()).contains("Could not read the trust store");
	}

	@Test
	void saysWhenAHostCannotBeReached() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		assertThat(run("localhost:" + closed)).isEqualTo(PinTool.FAILED);
		assertThat(err()).startsWith("Could not connect to localhost:" + closed);
	}

	@Test
	void saysWhenAPortDoesNotSpeakTls() throws Exception {
		try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> {
				try (Socket socket = plain.accept(); OutputStream output = socket.getOutputStream()) {
					output.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					output.flush();
				}
				catch (IOException ex) {
					// The tool has gone.
				}
			});
			server.start();
			assertThat(run("localhost:" + plain.getLocalPort())).isEqualTo(PinTool.FAILED);
			server.join(30_000);
		}
		assertThat(err()).contains("did not complete a TLS handshake (is it a TLS port?)");
	}

	@Test
	void printsThePinsOfAPemFile(@TempDir Path directory) throws IOException {
		Path file = Files.writeString(directory.resolve("bank-cas.pem"),
				pki.intermediate().certificatePem() + pki.root().certificatePem());
		assertThat(run(file.toString())).isEqualTo(PinTool.OK);
		assertThat(out()).contains(file + " (2 certificates)")
			.contains("    bank-cas:")
			.contains("hosts: [CHANGE-ME.example.com]")
			.contains("- " + TestPki.pin(pki.intermediate()) + "   # intermediate: CN=Genuine Intermediate CA")
			.contains("- " + TestPki.pin(pki.root()) + "   # root: CN=Genuine Root CA");
	}

	@Test
	void saysWhenAFileHoldsNoCertificate(@TempDir Path directory) throws IOException {
		Path file = Files.writeString(directory.resolve("empty.pem"), "nothing here\n");
		assertThat(run(file.toString())).isEqualTo(PinTool.FAILED);
		assertThat(err()).contains(file + " holds no certificate");
		this.err.reset();
		assertThat(run(directory.resolve("missing.pem").toString())).isEqualTo(PinTool.FAILED);
		assertThat(err()).contains("Could not read");
	}

	@Test
	void printsUsageWithoutTargets() {
		assertThat(run(new String[0], pki.root())).isEqualTo(PinTool.USAGE);
		assertThat(err()).startsWith("Usage: java -jar pinning-core.jar");
		assertThat(run(new String[] { "--bogus" }, pki.root())).isEqualTo(PinTool.USAGE);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			example.com,                     example.com, 443
			example.com:8443,                example.com, 8443
			https://example.com/path?q=1,    example.com, 443
			https://example.com:9443/,       example.com, 9443
			[::1]:8443,                      ::1,         8443
			[::1],                           ::1,         443
			127.0.0.1:10443,                 127.0.0.1,   10443
			""")
	void parsesTargets(String text, String host, int port) {
		assertThat(Target.parse(text)).isEqualTo(new Target(host, port));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "example.com:0", "example.com:99999", "example.com:https", "'[::1'" })
	void rejectsBadTargets(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Target.parse(text));
	}

	@Test
	void neverPrintsControlCharactersFromACertificate() throws Exception {
		HeldCertificate forged = new HeldCertificate.Builder()
			.commonName("x\n09:00:00Z INFO Forged : all fine\u001B[2J\u202E")
			.addSubjectAlternativeName("localhost")
			.signedBy(pki.root())
			.build();
		try (TlsServer server = TlsServer.start(TestPki.serving(forged), "forged")) {
			assertThat(run("localhost:" + server.port())).isEqualTo(PinTool.OK);
			assertThat(run(new String[] { "--insecure", "localhost:" + server.port() }, pki.rogueRoot()))
				.isEqualTo(PinTool.OK);
			assertThat(run("localhost:" + server.port(), pki.rogueRoot())).isEqualTo(PinTool.FAILED);
		}
		assertThat(out() + err()).contains("CN=x\\u000A09:00:00Z INFO Forged : all fine\\u001B[2J\\u202E")
			.doesNotContain("\u001B", "\u202E")
			.doesNotContainPattern("(?m)^09:00:00Z");
	}

	private int run(String target) {
		return run(new String[] { target }, pki.root());
	}

	private int run(String target, HeldCertificate anchor) {
		return run(new String[] { target }, anchor);
	}

	private int run(String[] args, HeldCertificate anchor) {
		X509ExtendedTrustManager trust = (X509ExtendedTrustManager) TestPki.trusting(anchor);
		return new PinTool(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), trust)
			.run(args);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	private static String quote(String text) {
		return java.util.regex.Pattern.quote(text);
	}

}
