package io.github.pinning.test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Issues certificates with every field an attacker controls, including the ones a normal
 * issuer would never get wrong: a CA bit that is off, a path length that is exceeded, a key
 * usage without {@code keyCertSign}, name constraints, a validity in the past, a signature by
 * a key other than the issuer's. Built with Bouncy Castle, signed through the JDK's providers.
 */
public final class CertificateForge {

	private static final AtomicLong serials = new AtomicLong(System.nanoTime());

	private final String subject;

	private final PublicKey subjectKey;

	private String issuer;

	private @Nullable PrivateKey signingKey;

	private @Nullable Boolean ca;

	private int pathLength = -1;

	private boolean keyCertSign = true;

	private boolean keyUsage;

	private long notBefore = System.currentTimeMillis() - 3_600_000L;

	private long notAfter = System.currentTimeMillis() + 86_400_000L;

	private final List<String> dnsNames = new ArrayList<>();

	private @Nullable String permittedDns;

	private @Nullable String excludedDns;

	private @Nullable String signatureAlgorithm;

	private CertificateForge(String subject, PublicKey subjectKey) {
		this.subject = subject;
		this.subjectKey = subjectKey;
		this.issuer = subject;
	}

	/**
	 * Starts a certificate.
	 * @param subject its subject, for example {@code CN=Example CA}
	 * @param subjectKey its public key
	 * @return the builder
	 */
	public static CertificateForge subject(String subject, PublicKey subjectKey) {
		return new CertificateForge(subject, subjectKey);
	}

	/**
	 * Generates an ECDSA P-256 key pair.
	 * @return the key pair
	 */
	public static KeyPair ecKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Generates an RSA key pair of any size, including sizes the JDK refuses to trust.
	 * @param bits the modulus length
	 * @return the key pair
	 */
	public static KeyPair rsaKey(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Names the issuer and the key that signs, which need not belong together.
	 * @param issuer the issuer's name
	 * @param signingKey the key that signs
	 * @return this builder
	 */
	public CertificateForge issuedBy(String issuer, PrivateKey signingKey) {
		this.issuer = issuer;
		this.signingKey = signingKey;
		return this;
	}

	/**
	 * Sets the basic constraints: a CA, with a path length or none, or not a CA.
	 * @param ca whether it is a CA, or {@code null} for no basic constraints at all
	 * @param pathLength the path length constraint, or {@code -1} for none
	 * @return this builder
	 */
	public CertificateForge basicConstraints(@Nullable Boolean ca, int pathLength) {
		this.ca = ca;
		this.pathLength = pathLength;
		return this;
	}

	/**
	 * Adds a critical key usage extension.
	 * @param keyCertSign whether it allows signing certificates; digital signatures always
	 * @return this builder
	 */
	public CertificateForge keyUsage(boolean keyCertSign) {
		this.keyUsage = true;
		this.keyCertSign = keyCertSign;
		return this;
	}

	/**
	 * Sets the validity.
	 * @param notBefore start, in epoch millis
	 * @param notAfter end, in epoch millis
	 * @return this builder
	 */
	public CertificateForge validity(long notBefore, long notAfter) {
		this.notBefore = notBefore;
		this.notAfter = notAfter;
		return this;
	}

	/**
	 * Adds DNS names as subject alternative names.
	 * @param names the names
	 * @return this builder
	 */
	public CertificateForge dnsNames(String... names) {
		this.dnsNames.addAll(List.of(names));
		return this;
	}

	/**
	 * Adds critical name constraints with one DNS subtree.
	 * @param dns the domain
	 * @param permitted whether it is permitted (else excluded)
	 * @return this builder
	 */
	public CertificateForge nameConstraint(String dns, boolean permitted) {
		if (permitted) {
			this.permittedDns = dns;
		}
		else {
			this.excludedDns = dns;
		}
		return this;
	}

	/**
	 * Sets the signature algorithm, for example {@code SHA1withRSA}; by default SHA-256 with the
	 * signing key's algorithm.
	 * @param algorithm the JCA name
	 * @return this builder
	 */
	public CertificateForge signatureAlgorithm(String algorithm) {
		this.signatureAlgorithm = algorithm;
		return this;
	}

	/**
	 * Signs the certificate; without {@link #issuedBy}, a key must be given here.
	 * @return the certificate
	 */
	public X509Certificate sign() {
		if (this.signingKey == null) {
			throw new IllegalStateException("No signing key for " + this.subject);
		}
		try {
			X509v3CertificateBuilder builder = new X509v3CertificateBuilder(new X500Name(this.issuer),
					BigInteger.valueOf(serials.incrementAndGet()), new Date(this.notBefore), new Date(this.notAfter),
					new X500Name(this.subject), SubjectPublicKeyInfo.getInstance(this.subjectKey.getEncoded()));
			if (this.ca != null) {
				BasicConstraints constraints = (this.ca && this.pathLength >= 0)
						? new BasicConstraints(this.pathLength) : new BasicConstraints(this.ca);
				builder.addExtension(Extension.basicConstraints, true, constraints);
			}
			if (this.keyUsage) {
				int usage = KeyUsage.digitalSignature | (this.keyCertSign ? KeyUsage.keyCertSign : 0);
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
			}
			if (!this.dnsNames.isEmpty()) {
				GeneralName[] names = this.dnsNames.stream()
					.map((name) -> new GeneralName(GeneralName.dNSName, name))
					.toArray(GeneralName[]::new);
				builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
			}
			if (this.permittedDns != null || this.excludedDns != null) {
				builder.addExtension(Extension.nameConstraints, true,
						new NameConstraints(subtrees(this.permittedDns), subtrees(this.excludedDns)));
			}
			String algorithm = (this.signatureAlgorithm != null) ? this.signatureAlgorithm
					: this.signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(this.signingKey)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot issue " + this.subject, ex);
		}
	}

	/**
	 * Signs the certificate with the given key, under the issuer name already set (by default
	 * its own subject: self-issued).
	 * @param key the signing key
	 * @return the certificate
	 */
	public X509Certificate signWith(PrivateKey key) {
		this.signingKey = key;
		return sign();
	}

	private static GeneralSubtree @Nullable [] subtrees(@Nullable String dns) {
		return (dns != null) ? new GeneralSubtree[] { new GeneralSubtree(new GeneralName(GeneralName.dNSName, dns)) }
				: null;
	}

}
