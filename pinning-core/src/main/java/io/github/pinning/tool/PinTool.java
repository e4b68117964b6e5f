package io.github.pinning.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.pinning.CertificateText;
import io.github.pinning.ChainCleaner;
import io.github.pinning.Pin;
import io.github.pinning.tool.ChainFetcher.Fetched;

/**
 * The pin tool: {@code java -jar pinning-core.jar HOST[:PORT] | URL |
 * FILE.pem ...} prints the pin, subject, role and expiry of every certificate of a server's
 * chain (served, then as validated by the trust store, trust anchor included) or of a PEM
 * file, then a {@code pinning.pin-sets} snippet to paste. It needs only a JDK.
 */
public final class PinTool {

	static final int OK = 0;

	static final int FAILED = 1;

	static final int USAGE = 2;

	private static final String USAGE_TEXT = """
			Usage: java -jar pinning-core.jar [--truststore FILE] [--insecure] TARGET...

			Prints the sha256/ pin, subject, role and expiry of every certificate, then a
			pinning.pin-sets snippet. A TARGET is a host (example.com, example.com:8443,
			https://example.com/path, [::1]:8443) or a PEM file of certificates.

			For a host, the served chain must validate against the trust store (PKIX and host
			name); the pins of the validated chain include its trust anchor even when the server
			does not send it.

			  --truststore FILE  trust these CAs instead of the JDK's: a PEM file of certificates
			                     or a PKCS#12 trust store (for a private CA)
			  --truststore-password PASSWORD
			                     the PKCS#12 trust store's password, if it has one
			  --insecure         show the served chain even when it does not validate, with a
			                     warning; do not pin what you have not checked another way

			Exit status: 0 every target printed, 1 a target refused (not validated) or
			unreachable, 2 a usage error.""";

	private final PrintStream out;

	private final PrintStream err;

	private final X509ExtendedTrustManager trustManager;

	PinTool(PrintStream out, PrintStream err, X509ExtendedTrustManager trustManager) {
		this.out = out;
		this.err = err;
		this.trustManager = trustManager;
	}

	/**
	 * Runs the tool with the JDK's default trust store and exits with its status: 0 when every
	 * target was shown, 1 when one failed, 2 for a usage error.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(new PinTool(System.out, System.err, defaultTrustManager()).run(args));
	}

	private static X509ExtendedTrustManager defaultTrustManager() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509ExtendedTrustManager x509) {
					return x509;
				}
			}
			throw new IllegalStateException("The JDK's trust manager factory offers no X.509 trust manager");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK's trust store could not be loaded: " + ex.getMessage(), ex);
		}
	}

	int run(String[] args) {
		List<String> targets = new ArrayList<>(Arrays.asList(args));
		boolean insecure = targets.remove("--insecure");
		if (targets.remove("--help") || targets.remove("-h")) {
			this.out.println(USAGE_TEXT);
			return OK;
		}
		X509ExtendedTrustManager trust = this.trustManager;
		int option = targets.indexOf("--truststore");
		if (option >= 0) {
			if (option + 1 >= targets.size()) {
				this.err.println("--truststore needs a file\n\n" + USAGE_TEXT);
				return USAGE;
			}
			Path file = Path.of(targets.remove(option + 1));
			targets.remove(option);
			char[] password = null;
			int passwordOption = targets.indexOf("--truststore-password");
			if (passwordOption >= 0 && passwordOption + 1 < targets.size()) {
				password = targets.remove(passwordOption + 1).toCharArray();
				targets.remove(passwordOption);
			}
			try {
				trust = TrustStores.load(file, password);
			}
			catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
				this.err.println("Could not read the trust store " + file + ": " + message(ex));
				return USAGE;
			}
		}
		if (targets.isEmpty() || targets.stream().anyMatch((target) -> target.startsWith("-"))) {
			this.err.println(USAGE_TEXT);
			return USAGE;
		}
		int status = OK;
		for (String target : targets) {
			status = Math.max(status,
					isFile(target) ? showFile(Path.of(target)) : showHost(target, insecure, trust));
		}
		return status;
	}

	private static boolean isFile(String target) {
		String lower = target.toLowerCase(Locale.ROOT);
		return Files.isRegularFile(Path.of(target)) || lower.endsWith(".pem") || lower.endsWith(".crt")
				|| lower.endsWith(".cer");
	}

	private int showFile(Path file) {
		List<X509Certificate> certificates;
		try (InputStream input = Files.newInputStream(file)) {
			certificates = new ArrayList<>();
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(input)) {
				certificates.add((X509Certificate) certificate);
			}
		}
		catch (IOException ex) {
			this.err.println("Could not read " + file + ": " + message(ex));
			return FAILED;
		}
		catch (CertificateException ex) {
			certificates = List.of();
		}
		if (certificates.isEmpty()) {
			this.err.println(file + " holds no certificate (expected PEM blocks '-----BEGIN CERTIFICATE-----')");
			return FAILED;
		}
		this.out.println(file + " (" + count(certificates.size()) + ")");
		printChain(certificates, List.of());
		String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
		printSnippet(name, "CHANGE-ME.example.com", certificates, List.of());
		return OK;
	}

	private int showHost(String text, boolean insecure, X509ExtendedTrustManager trust) {
		Target target;
		try {
			target = Target.parse(text);
		}
		catch (IllegalArgumentException ex) {
			this.err.println("Not a host or a PEM file: " + message(ex));
			return USAGE;
		}
		Fetched fetched;
		try {
			fetched = new ChainFetcher(trust).fetch(target);
		}
		catch (UnknownHostException ex) {
			this.err.println("Could not resolve host '" + target.host() + "'");
			return FAILED;
		}
		catch (ConnectException | SocketTimeoutException ex) {
			this.err.println("Could not connect to " + target + ": " + message(ex));
			return FAILED;
		}
		catch (SSLException ex) {
			this.err.println(target + " did not complete a TLS handshake (is it a TLS port?): " + message(ex));
			return FAILED;
		}
		catch (IOException ex) {
			this.err.println("Could not fetch the chain of " + target + ": " + message(ex));
			return FAILED;
		}
		List<X509Certificate> served = List.of(fetched.served());
		if (fetched.validationFailure() != null) {
			String reason = message(fetched.validationFailure());
			if (!insecure) {
				this.err.println(target + " serves a chain that the trust store does not validate: " + reason
						+ "\nPass --truststore FILE if its CA is private, or --insecure to show it anyway.");
				return FAILED;
			}
			this.err.println("WARNING: " + target + " serves a chain that the trust store does not validate; it"
					+ " is shown because of --insecure. Pin it only after checking these keys another way.");
			this.out.println(target + ": served chain (" + count(served.size())
					+ "), NOT validated by the trust store: " + reason);
			printChain(served, List.of());
			printSnippet(name(target), target.host(), served, List.of());
			return OK;
		}
		List<X509Certificate> validated = new ChainCleaner(trust.getAcceptedIssuers())
			.clean(fetched.served());
		this.out.println(target + ": served chain (" + count(served.size()) + "), validated by the trust store");
		printChain(served, List.of());
		this.out.println("  Validated chain (pins match against this one):");
		printChain(validated, served);
		printSnippet(name(target), target.host(), validated, served);
		return OK;
	}

	private static String name(Target target) {
		return target.host().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase(Locale.ROOT);
	}

	private void printChain(List<X509Certificate> chain, List<X509Certificate> served) {
		for (X509Certificate certificate : chain) {
			boolean notSent = !served.isEmpty() && !served.contains(certificate);
			this.out.printf("    %-12s %s  %s  expires %s%s%n", role(certificate), Pin.of(certificate),
					CertificateText.subject(certificate), certificate.getNotAfter().toInstant().atZone(ZoneOffset.UTC).toLocalDate(),
					notSent ? "  (trust anchor, not sent)" : "");
		}
	}

	private void printSnippet(String name, String host, List<X509Certificate> chain, List<X509Certificate> served) {
		this.out.println();
		this.out.println("pinning:");
		this.out.println("  pin-sets:");
		this.out.println("    " + (name.isEmpty() ? "pin-set" : name) + ":");
		this.out.println("      hosts: [" + ((host.indexOf(':') >= 0) ? "\"[" + host + "]\"" : host) + "]");
		this.out.println("      # Keep at least two: a key you control now and a backup (require-backup-pin).");
		this.out.println("      pins:");
		for (X509Certificate certificate : chain) {
			this.out.println("        - " + Pin.of(certificate) + "   # " + role(certificate) + ": "
					+ CertificateText.subject(certificate));
		}
		this.out.println();
	}

	static String role(X509Certificate certificate) {
		if (certificate.getBasicConstraints() < 0) {
			return "leaf";
		}
		return isSelfSigned(certificate) ? "root" : "intermediate";
	}

	private static boolean isSelfSigned(X509Certificate certificate) {
		if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
			return false;
		}
		try {
			certificate.verify(certificate.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/** A failure's message, which may quote what the server sent, made safe to print. */
	private static String message(Throwable failure) {
		return CertificateText.neutralize(String.valueOf(failure.getMessage()));
	}

	private static String count(int certificates) {
		return certificates + ((certificates == 1) ? " certificate" : " certificates");
	}

}
