package io.github.pinning.test;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.X509TrustManager;

import io.github.pinning.Pin;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A PKI generated at test time: a genuine root, intermediate and leaf, and a rogue root with
 * a leaf of its own for the same host, as a compromised or corporate-proxy CA would issue.
 */
public final class TestPki {

	/** The key algorithms the tests run with. */
	public enum KeyType {

		/** RSA 2048. */
		RSA,

		/** ECDSA P-256. */
		EC

	}

	private final KeyType keyType;

	private final HeldCertificate root;

	private final HeldCertificate intermediate;

	private final HeldCertificate leaf;

	private final HeldCertificate rogueRoot;

	private final HeldCertificate rogueLeaf;

	private final HeldCertificate attackersOrdinary;

	private final HeldCertificate attackersCa;

	private final HeldCertificate attackersLeaf;

	private TestPki(KeyType keyType, String... hosts) {
		this.keyType = keyType;
		this.root = ca("Genuine Root CA", null, 1);
		this.intermediate = ca("Genuine Intermediate CA", this.root, 0);
		this.leaf = leaf(hosts, this.intermediate);
		this.rogueRoot = ca("Rogue Root CA", null, 0);
		this.rogueLeaf = leaf(hosts, this.rogueRoot);
		// An ordinary certificate from the genuine intermediate for a domain the attacker owns,
		// the same key certified as a CA by the rogue root, and a leaf for the pinned host that
		// this key signed.
		this.attackersOrdinary = keyed(new HeldCertificate.Builder()).commonName("attacker.test")
			.addSubjectAlternativeName("attacker.test")
			.signedBy(this.intermediate)
			.build();
		this.attackersCa = new HeldCertificate.Builder().keyPair(this.attackersOrdinary.keyPair())
			.commonName("attacker.test")
			.certificateAuthority(0)
			.signedBy(this.rogueRoot)
			.build();
		this.attackersLeaf = leaf(hosts, this.attackersCa);
	}

	/**
	 * Generates a PKI whose leaves name the given hosts.
	 * @param keyType the key algorithm of every certificate
	 * @param hosts the DNS names or IP addresses of the leaves; the first is the common name
	 * @return the PKI
	 */
	public static TestPki generate(KeyType keyType, String... hosts) {
		return new TestPki(keyType, hosts);
	}

	/**
	 * Generates an EC PKI for {@code localhost} and {@code 127.0.0.1}.
	 * @return the PKI
	 */
	public static TestPki localhost() {
		return generate(KeyType.EC, "localhost", "127.0.0.1");
	}

	/**
	 * Issues a certificate authority.
	 * @param name its common name
	 * @param issuer the CA that signs it, or {@code null} for a self-signed root
	 * @param maxIntermediates how many intermediates may follow it
	 * @return the CA
	 */
	public HeldCertificate ca(String name, HeldCertificate issuer, int maxIntermediates) {
		HeldCertificate.Builder builder = keyed(new HeldCertificate.Builder()).certificateAuthority(maxIntermediates)
			.commonName(name);
		return ((issuer != null) ? builder.signedBy(issuer) : builder).build();
	}

	/**
	 * Issues a leaf certificate.
	 * @param hosts the names it holds; the first is also its common name
	 * @param issuer the CA that signs it
	 * @return the leaf
	 */
	public HeldCertificate leaf(String[] hosts, HeldCertificate issuer) {
		HeldCertificate.Builder builder = keyed(new HeldCertificate.Builder()).commonName(hosts[0]).signedBy(issuer);
		for (String host : hosts) {
			builder.addSubjectAlternativeName(host);
		}
		return builder.build();
	}

	private HeldCertificate.Builder keyed(HeldCertificate.Builder builder) {
		return (this.keyType == KeyType.RSA) ? builder.rsa2048() : builder.ecdsa256();
	}

	public HeldCertificate root() {
		return this.root;
	}

	public HeldCertificate intermediate() {
		return this.intermediate;
	}

	public HeldCertificate leaf() {
		return this.leaf;
	}

	public HeldCertificate rogueRoot() {
		return this.rogueRoot;
	}

	public HeldCertificate rogueLeaf() {
		return this.rogueLeaf;
	}

	/**
	 * Returns what the genuine server presents: its leaf and the intermediate, not the root.
	 * @return the server's key and chain
	 */
	public ServerCertificates genuineServer() {
		return serving(this.leaf, this.intermediate.certificate());
	}

	/**
	 * Returns what the impostor presents: its leaf and nothing else.
	 * @return the server's key and chain
	 */
	public ServerCertificates rogueServer() {
		return serving(this.rogueLeaf);
	}

	/**
	 * Returns the attacker's ordinary (not CA) certificate, issued by the genuine intermediate.
	 * @return the certificate and its key
	 */
	public HeldCertificate attackersOrdinary() {
		return this.attackersOrdinary;
	}

	/**
	 * Returns what an attacker serves who holds an ordinary certificate of the genuine
	 * intermediate and a rogue CA that the client trusts: a leaf signed with the ordinary
	 * certificate's key, then that certificate, the genuine intermediate, and the rogue CA's
	 * certificate for the same key. PKIX accepts the rogue path; linking signatures alone would
	 * also walk through the ordinary certificate to the pinned intermediate and root.
	 * @param order the order of the certificates after the leaf: a permutation of 0 (ordinary),
	 * 1 (genuine intermediate), 2 (the rogue CA) and, optionally, 3 (genuine root)
	 * @return the server's key and chain
	 */
	public ServerCertificates caSignerAttack(int... order) {
		X509Certificate[] candidates = { this.attackersOrdinary.certificate(), this.intermediate.certificate(),
				this.attackersCa.certificate(), this.root.certificate() };
		X509Certificate[] chain = new X509Certificate[order.length];
		for (int i = 0; i < order.length; i++) {
			chain[i] = candidates[order[i]];
		}
		return serving(this.attackersLeaf, chain);
	}

	/**
	 * Returns what an attacker serves to a client that trusts every certificate: a leaf signed
	 * with the key of its ordinary certificate, that certificate and the genuine intermediate.
	 * @return the server's key and chain
	 */
	public ServerCertificates caSignerAttackWithoutRogueCa() {
		return caSignerAttack(0, 1);
	}

	/**
	 * Returns server certificates for a leaf followed by the given chain, as sent.
	 * @param leaf the leaf and its key
	 * @param chain the certificates sent after the leaf
	 * @return the server's key and chain
	 */
	public static ServerCertificates serving(HeldCertificate leaf, X509Certificate... chain) {
		return new ServerCertificates(leaf, chain);
	}

	/**
	 * Returns a JDK trust manager that trusts both the genuine and the rogue root, as a client
	 * with a compromised trust store would.
	 * @return the trust manager
	 */
	public X509TrustManager trustingBothRoots() {
		return trusting(this.root, this.rogueRoot);
	}

	/**
	 * Returns a JDK trust manager that trusts the given certificates as anchors.
	 * @param anchors the trust anchors
	 * @return the trust manager
	 */
	public static X509TrustManager trusting(HeldCertificate... anchors) {
		HandshakeCertificates.Builder builder = new HandshakeCertificates.Builder();
		for (HeldCertificate anchor : anchors) {
			builder.addTrustedCertificate(anchor.certificate());
		}
		return builder.build().trustManager();
	}

	/**
	 * Returns the pin of a certificate's public key.
	 * @param certificate the certificate
	 * @return its pin
	 */
	public static Pin pin(HeldCertificate certificate) {
		return Pin.of(certificate.certificate());
	}

	/**
	 * Returns the pins of certificates' public keys, as a pin set's configuration lists them.
	 * @param certificates the certificates
	 * @return their pins, as text
	 */
	public static List<String> pins(HeldCertificate... certificates) {
		return Arrays.stream(certificates).map((certificate) -> pin(certificate).toString()).toList();
	}

}
