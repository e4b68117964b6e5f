package io.github.pinning.benchmarks;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.pinning.Pin;
import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The 3-certificate chain the benchmarks share: a root, an intermediate and a leaf for
 * {@code localhost}, all RSA 2048 or all EC P-256, and a policy that pins the intermediate and
 * the root.
 */
final class BenchmarkPki {

	static final String HOST = "localhost";

	final HeldCertificate root;

	final HeldCertificate intermediate;

	final HeldCertificate leaf;

	final String authType;

	BenchmarkPki(String keyType) {
		boolean rsa = keyType.equals("RSA");
		this.authType = rsa ? "ECDHE_RSA" : "ECDHE_ECDSA";
		this.root = keyed(new HeldCertificate.Builder(), rsa).commonName("Benchmark Root").certificateAuthority(1)
			.build();
		this.intermediate = keyed(new HeldCertificate.Builder(), rsa).commonName("Benchmark Intermediate")
			.certificateAuthority(0)
			.signedBy(this.root)
			.build();
		this.leaf = keyed(new HeldCertificate.Builder(), rsa).commonName(HOST)
			.addSubjectAlternativeName(HOST)
			.signedBy(this.intermediate)
			.build();
	}

	private static HeldCertificate.Builder keyed(HeldCertificate.Builder builder, boolean rsa) {
		return rsa ? builder.rsa2048() : builder.ecdsa256();
	}

	/** The chain as a server sends it here: leaf, intermediate, root. */
	X509Certificate[] chain() {
		return new X509Certificate[] { this.leaf.certificate(), this.intermediate.certificate(),
				this.root.certificate() };
	}

	/**
	 * Returns chains that differ in their leaves only (each leaf a new certificate for the same
	 * key), encoded, so that each can be parsed as a chain never seen before.
	 * @param count how many
	 * @return the encoded chains: leaf, intermediate, root
	 */
	byte[][][] distinctChains(int count) {
		byte[][][] chains = new byte[count][][];
		for (int i = 0; i < count; i++) {
			HeldCertificate leaf = new HeldCertificate.Builder().keyPair(this.leaf.keyPair())
				.commonName(HOST)
				.addSubjectAlternativeName(HOST)
				.serialNumber(1000L + i)
				.signedBy(this.intermediate)
				.build();
			chains[i] = new byte[][] { encoded(leaf.certificate()), encoded(this.intermediate.certificate()),
					encoded(this.root.certificate()) };
		}
		return chains;
	}

	private static byte[] encoded(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JDK's PKIX trust manager with the root as its only anchor. */
	X509ExtendedTrustManager jdkTrustManager() {
		return (X509ExtendedTrustManager) new HandshakeCertificates.Builder()
			.addTrustedCertificate(this.root.certificate())
			.build()
			.trustManager();
	}

	/** A server that presents the leaf and the intermediate. */
	SSLContext serverContext() {
		return new HandshakeCertificates.Builder().heldCertificate(this.leaf, this.intermediate.certificate())
			.build()
			.sslContext();
	}

	PinningPolicy policy() {
		return PinningPolicy.of(PinSet.of("benchmark", List.of(HOST),
				List.of(Pin.of(this.intermediate.certificate()).toString(), Pin.of(this.root.certificate()).toString())));
	}

	static SSLContext clientContext(TrustManager trustManager) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { trustManager }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
