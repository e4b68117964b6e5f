package io.github.pinning.adversarial;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.X509TrustManager;

import io.github.pinning.Pin;
import io.github.pinning.PinSet;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Cases;
import io.github.pinning.test.CertificateForge;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.ServerCertificates;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.TrustingEverything;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Pinning only adds: a plain {@link X509TrustManager} gets, through real handshakes, the same
 * verdict with pinning as the JDK gives it without (the JDK adds hostname and algorithm checks
 * to a plain trust manager). Generated chains vary the leaf's key (RSA 768 to 2048, EC), the
 * issuer's key (down to RSA 512), the signature algorithm (MD5, SHA-1, SHA-2), whether the
 * issuer is sent and trusted, the protocol and the transport; the leaf's key is pinned, so
 * that only those checks can tell the two apart.
 */
class PlainDelegateAlgorithmTests {

	private static final KeyPair RSA_512 = CertificateForge.rsaKey(512);

	private static final KeyPair RSA_768 = CertificateForge.rsaKey(768);

	private static final KeyPair RSA_1024 = CertificateForge.rsaKey(1024);

	private static final KeyPair RSA_2048 = CertificateForge.rsaKey(2048);

	private static final KeyPair EC = CertificateForge.ecKey();

	private static final KeyPair[] LEAF_KEYS = { RSA_768, RSA_1024, RSA_2048, EC };

	private static final KeyPair[] ISSUER_KEYS = { RSA_512, RSA_768, RSA_1024, RSA_2048, EC };

	private final AtomicInteger refusedByBoth = new AtomicInteger();

	@Test
	void anRsa768LeafThatTheJdkRefusesIsRefusedWithPinningToo() throws Exception {
		HeldCertificate leaf = leaf(RSA_768, null, null, "SHA256withRSA");
		X509TrustManager trustAll = new TrustingEverything();
		assertThat(verdict(trustAll, null, served(leaf), Transport.SOCKET, "TLSv1.3"))
			.as("the JDK alone")
			.isNotNull();
		Throwable pinned = verdict(trustAll, pinning(trustAll, leaf), served(leaf), Transport.SOCKET,
				"TLSv1.3");
		assertThat(pinned).as("with pinning").isNotNull();
		assertThat(Failures.causes(pinned)).anySatisfy(
				(cause) -> assertThat(String.valueOf(cause.getMessage())).contains("do not conform to algorithm constraints"));
	}

	@Test
	void givesEveryPlainDelegateTheVerdictTheJdkGivesIt() {
		int cases = Cases.check(40, (random) -> {
			KeyPair issuerKey = ISSUER_KEYS[random.nextInt(ISSUER_KEYS.length)];
			HeldCertificate issuer = random.nextBoolean() ? ca(issuerKey) : null;
			KeyPair leafKey = LEAF_KEYS[random.nextInt(LEAF_KEYS.length)];
			KeyPair signer = (issuer != null) ? issuerKey : leafKey;
			String algorithm = signatureAlgorithm(random, signer);
			HeldCertificate leaf = leaf(leafKey, issuer, signer, algorithm);
			boolean sendIssuer = issuer != null && random.nextBoolean();
			ServerCertificates served = sendIssuer ? new ServerCertificates(leaf, issuer.certificate())
					: new ServerCertificates(leaf);
			X509TrustManager delegate = (issuer != null && random.nextBoolean())
					? new PlainTrustManager(new HandshakeCertificates.Builder().addTrustedCertificate(issuer.certificate())
						.build()
						.trustManager())
					: new TrustingEverything();
			Transport transport = Cases.oneOf(random, Transport.values());
			String protocol = Cases.oneOf(random, "TLSv1.2", "TLSv1.3");
			Throwable jdk = verdict(delegate, null, served, transport, protocol);
			Throwable pinned = verdict(delegate, pinning(delegate, leaf), served, transport, protocol);
			String description = leafKey.getPublic().getAlgorithm() + " leaf, " + algorithm + " by "
					+ ((issuer != null) ? "an issuer" + (sendIssuer ? " (sent)" : "") : "itself") + ", "
					+ delegate.getClass().getSimpleName() + ", " + protocol + " " + transport;
			assertThat(pinned == null).as("%s: the JDK said %s, with pinning %s", description, jdk, pinned)
				.isEqualTo(jdk == null);
			assertThat(Failures.isPinningFailure(pinned)).as("pinning itself refused %s", description).isFalse();
			if (jdk != null) {
				this.refusedByBoth.incrementAndGet();
			}
		});
		assertThat(this.refusedByBoth.get()).as("cases the JDK refuses").isBetween(cases / 10, cases - cases / 10);
	}

	private static String signatureAlgorithm(SplittableRandom random, KeyPair signer) {
		if (signer.getPublic() instanceof RSAPublicKey rsa) {
			// A 512-bit key cannot hold a SHA-384 digest in its signature.
			return (rsa.getModulus().bitLength() < 768)
					? Cases.oneOf(random, "SHA256withRSA", "SHA1withRSA", "MD5withRSA")
					: Cases.oneOf(random, "SHA256withRSA", "SHA1withRSA", "MD5withRSA", "SHA384withRSA");
		}
		return Cases.oneOf(random, "SHA256withECDSA", "SHA1withECDSA", "SHA384withECDSA");
	}

	private static HeldCertificate ca(KeyPair key) {
		String algorithm = key.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
		X509Certificate certificate = CertificateForge.subject("CN=Plain CA", key.getPublic())
			.basicConstraints(true, 0)
			.signatureAlgorithm(algorithm)
			.signWith(key.getPrivate());
		return new HeldCertificate(key, certificate);
	}

	private static HeldCertificate leaf(KeyPair leafKey, HeldCertificate issuer, KeyPair signer, String algorithm) {
		CertificateForge forge = CertificateForge.subject("CN=localhost", leafKey.getPublic())
			.dnsNames("localhost")
			.signatureAlgorithm(algorithm);
		X509Certificate certificate = (issuer != null)
				? forge.issuedBy(issuer.certificate().getSubjectX500Principal().getName(), signer.getPrivate()).sign()
				: forge.signWith(leafKey.getPrivate());
		return new HeldCertificate(leafKey, certificate);
	}

	private static ServerCertificates served(HeldCertificate leaf) {
		return new ServerCertificates(leaf);
	}

	private static PinningTrustManager pinning(X509TrustManager delegate, HeldCertificate leaf) {
		PinSet pinSet = PinSet.of("local", List.of("localhost"), List.of(Pin.of(leaf.certificate()).toString()));
		return new PinningTrustManager(delegate, PinningPolicy.of(pinSet), PinningListener.NONE, Clock.systemUTC());
	}

	/** The handshake's failure, or {@code null}: with the pinning trust manager if given, else the delegate. */
	private static Throwable verdict(X509TrustManager delegate, PinningTrustManager pinning, ServerCertificates served,
			Transport transport, String protocol) throws Exception {
		try (TlsServer server = TlsServer.start(served, "served")) {
			return catchThrowable(() -> Handshakes.connect(transport, (pinning != null) ? pinning : delegate,
					"localhost", server.port(), protocol));
		}
	}


}
