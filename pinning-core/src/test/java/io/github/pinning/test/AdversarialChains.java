package io.github.pinning.test;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Chains that cost a path search dearly and that a peer can send without any private key of
 * the pinned host: the pinned host's genuine chain replayed with junk appended, and an
 * impostor's chain from a trusted rogue CA with the same junk. Every junk certificate is name
 * linked to the chain, so that a search which follows issuer names must consider it.
 * <ul>
 * <li><b>junk mesh</b>: a certificate with the intermediate's subject and public key under
 * another issuer, then certificates that share that issuer's name, each with its own key and
 * signed by the next one's, so that every signature along the mesh verifies;</li>
 * <li><b>expensive signers</b>: certificates named as each CA of the chain, and issued in a
 * trusted root's name, whose RSA-3072 keys have a public exponent as long as the modulus (about 40 times the cost of a usual
 * verification; no private key exists, none is needed);</li>
 * <li><b>cross-signing maze</b>: several intermediate keys under one name, each certified by
 * every other, with the genuine path among them.</li>
 * </ul>
 */
public final class AdversarialChains {

	private static final String ROOT = "CN=Adversarial Genuine Root";

	private static final String INTERMEDIATE = "CN=Adversarial Genuine Intermediate";

	private static final String MESH = "CN=Junk Mesh";

	private final KeyPair rootKey = CertificateForge.ecKey();

	private final KeyPair intermediateKey = CertificateForge.ecKey();

	private final KeyPair leafKey = CertificateForge.ecKey();

	private final KeyPair rogueKey = CertificateForge.ecKey();

	private final X509Certificate root;

	private final X509Certificate intermediate;

	private final X509Certificate leaf;

	private final X509Certificate rogueRoot;

	private final X509Certificate rogueLeaf;

	private AdversarialChains(String host) {
		this.root = ca(ROOT, this.rootKey.getPublic()).signWith(this.rootKey.getPrivate());
		this.intermediate = ca(INTERMEDIATE, this.intermediateKey.getPublic()).issuedBy(ROOT, this.rootKey.getPrivate())
			.sign();
		this.leaf = CertificateForge.subject("CN=" + host, this.leafKey.getPublic())
			.dnsNames(host)
			.issuedBy(INTERMEDIATE, this.intermediateKey.getPrivate())
			.sign();
		this.rogueRoot = ca("CN=Adversarial Rogue Root", this.rogueKey.getPublic()).signWith(this.rogueKey.getPrivate());
		this.rogueLeaf = CertificateForge.subject("CN=" + host, this.leafKey.getPublic())
			.dnsNames(host)
			.issuedBy("CN=Adversarial Rogue Root", this.rogueKey.getPrivate())
			.sign();
	}

	/**
	 * Generates the genuine and the rogue PKI for a host.
	 * @param host the DNS name of both leaves
	 * @return the chains' source
	 */
	public static AdversarialChains generate(String host) {
		return new AdversarialChains(host);
	}

	private static CertificateForge ca(String subject, PublicKey key) {
		return CertificateForge.subject(subject, key).basicConstraints(true, -1).keyUsage(true);
	}

	/** The genuine root, which the client trusts. */
	public X509Certificate root() {
		return this.root;
	}

	/** The genuine intermediate. */
	public X509Certificate intermediate() {
		return this.intermediate;
	}

	/** The rogue root, which the client trusts too (a compromised or mis-issuing CA). */
	public X509Certificate rogueRoot() {
		return this.rogueRoot;
	}

	/** The genuine leaf's key pair; the rogue leaf has the same key. */
	public KeyPair leafKey() {
		return this.leafKey;
	}

	/**
	 * Returns the genuine chain as a server sends it: leaf, intermediate, root.
	 * @return the chain
	 */
	public X509Certificate[] genuine() {
		return new X509Certificate[] { this.leaf, this.intermediate, this.root };
	}

	/**
	 * Returns the impostor's chain: a leaf for the same host from the trusted rogue root.
	 * @return the chain
	 */
	public X509Certificate[] impostor() {
		return new X509Certificate[] { this.rogueLeaf, this.rogueRoot };
	}

	/**
	 * Returns a chain followed by a junk mesh: one certificate with the subject and key of the
	 * leaf's issuer (the chain's second certificate) under the mesh's name, then
	 * {@code size - 1} mesh certificates.
	 * @param chain the chain to extend
	 * @param size how many junk certificates, at least 1
	 * @return the chain, then the junk
	 */
	public X509Certificate[] withJunkMesh(X509Certificate[] chain, int size) {
		return concat(chain, junkMesh(chain[1], size));
	}

	/**
	 * Returns a chain followed by a junk mesh that links by name to the genuine root: its last
	 * certificate names the root as its issuer (a signature the root never made), so that from
	 * every junk certificate the pinned root is reached by issuer names, and a search for it
	 * must try the mesh's signatures.
	 * @param chain the chain to extend
	 * @param size how many junk certificates, at least 2
	 * @return the chain, then the junk
	 */
	public X509Certificate[] withJunkMeshTowardTheRoot(X509Certificate[] chain, int size) {
		List<X509Certificate> junk = junkMesh(chain[1], size - 1);
		junk.add(ca(MESH, CertificateForge.ecKey().getPublic()).issuedBy(ROOT, this.rogueKey.getPrivate()).sign());
		return concat(chain, junk);
	}

	/**
	 * Returns a chain followed by certificates that each carry the subject and key of the
	 * chain's second certificate, so that each could have signed its leaf, and name the genuine
	 * root as their issuer (a signature the root never made): a search for a path to the root
	 * must verify each of them against the root's key. The worst a peer can make a check cost.
	 * @param chain the chain to extend, of at least two certificates
	 * @param size how many junk certificates
	 * @return the chain, then the junk
	 */
	public X509Certificate[] withForgedRootSignatures(X509Certificate[] chain, int size) {
		List<X509Certificate> junk = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			junk.add(ca(chain[1].getSubjectX500Principal().getName(), chain[1].getPublicKey())
				.issuedBy(ROOT, this.rogueKey.getPrivate())
				.sign());
		}
		return concat(chain, junk);
	}

	/**
	 * Returns a chain's leaf, then certificates that each carry the subject of the chain's second
	 * certificate under a key of their own and name the genuine root as their issuer, then the
	 * rest of the chain: a search that follows the order served verifies the leaf against each of
	 * those keys before it reaches its genuine signer.
	 * @param chain the chain, of at least two certificates
	 * @param size how many would-be signers
	 * @return the leaf, the would-be signers, the rest of the chain
	 */
	public X509Certificate[] withOtherSignersFirst(X509Certificate[] chain, int size) {
		List<X509Certificate> served = new ArrayList<>(List.of(chain[0]));
		for (int i = 0; i < size; i++) {
			served.add(ca(chain[1].getSubjectX500Principal().getName(), CertificateForge.ecKey().getPublic())
				.issuedBy(ROOT, this.rogueKey.getPrivate())
				.sign());
		}
		served.addAll(List.of(chain).subList(1, chain.length));
		return served.toArray(X509Certificate[]::new);
	}

	/**
	 * Returns a junk mesh of the given size, as {@link #withJunkMesh} appends it.
	 * @param issuer the certificate whose subject and key the first junk certificate carries
	 * @param size how many junk certificates, at least 1
	 * @return the junk
	 */
	public List<X509Certificate> junkMesh(X509Certificate issuer, int size) {
		int meshSize = size - 1;
		KeyPair[] keys = new KeyPair[Math.max(meshSize, 1)];
		for (int i = 0; i < keys.length; i++) {
			keys[i] = CertificateForge.ecKey();
		}
		List<X509Certificate> junk = new ArrayList<>(size);
		junk.add(ca(issuer.getSubjectX500Principal().getName(), issuer.getPublicKey()).issuedBy(MESH, keys[0].getPrivate())
			.sign());
		for (int i = 0; i < meshSize; i++) {
			junk.add(ca(MESH, keys[i].getPublic()).issuedBy(MESH, keys[(i + 1) % meshSize].getPrivate()).sign());
		}
		return junk;
	}

	/**
	 * Returns a chain followed by certificates named as each of its CAs (and as the rogue root)
	 * whose keys are RSA-3072 with a public exponent as long as the modulus.
	 * @param chain the chain to extend
	 * @param perName how many such certificates for each name
	 * @return the chain, then the expensive signers
	 */
	public X509Certificate[] withExpensiveSigners(X509Certificate[] chain, int perName) {
		KeyPair signer = CertificateForge.ecKey();
		List<X509Certificate> junk = new ArrayList<>();
		for (String name : new String[] { INTERMEDIATE, ROOT, "CN=Adversarial Rogue Root" }) {
			for (int i = 0; i < perName; i++) {
				// Issued in the name of a trusted root, so that a trusted root is reached from each by
				// names, as from a genuine signer.
				String issuer = name.equals(INTERMEDIATE) ? ROOT : name;
				junk.add(ca(name, longExponentKey()).issuedBy(issuer, signer.getPrivate()).sign());
			}
		}
		return concat(chain, junk);
	}

	/**
	 * Returns an RSA-3072 public key whose exponent is 3,071 bits long. Nothing is known of its
	 * factors: it only has to be verified against, which costs an exponentiation by that
	 * exponent whatever the signature.
	 * @return the key
	 */
	public static PublicKey longExponentKey() {
		SecureRandom random = new SecureRandom();
		BigInteger modulus = new BigInteger(3072, random).setBit(3071).setBit(0);
		BigInteger exponent = new BigInteger(3071, random).setBit(3070).setBit(0);
		try {
			return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns a maze of intermediates: {@code width} keys under the intermediate's name (the
	 * genuine intermediate's among them), each certified by every other.
	 * @param width how many keys share the intermediate's name
	 * @return the maze's certificates
	 */
	public List<X509Certificate> crossSigningMaze(int width) {
		List<KeyPair> keys = new ArrayList<>(width);
		keys.add(this.intermediateKey);
		for (int i = 1; i < width; i++) {
			keys.add(CertificateForge.ecKey());
		}
		List<X509Certificate> maze = new ArrayList<>();
		for (int subject = 0; subject < width; subject++) {
			for (int issuer = 0; issuer < width; issuer++) {
				if (subject != issuer) {
					maze.add(ca(INTERMEDIATE, keys.get(subject).getPublic())
						.issuedBy(INTERMEDIATE, keys.get(issuer).getPrivate())
						.sign());
				}
			}
		}
		return maze;
	}

	/**
	 * Returns the genuine leaf, then a {@linkplain #crossSigningMaze maze}, then the genuine
	 * intermediate and root: the genuine path is hidden behind the maze.
	 * @param width how many keys share the intermediate's name
	 * @return the chain
	 */
	public X509Certificate[] genuineBehindAMaze(int width) {
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(this.leaf);
		chain.addAll(crossSigningMaze(width));
		chain.add(this.intermediate);
		chain.add(this.root);
		return chain.toArray(X509Certificate[]::new);
	}

	/**
	 * Returns the genuine chain with a second, cross-signed intermediate: the same subject and
	 * key, certified by another trusted root, so that the pins of either root may match.
	 * @param otherRootKey the other root's key
	 * @param otherRoot the other root, trusted
	 * @return leaf, intermediate, the cross-signed intermediate, root
	 */
	public X509Certificate[] crossSigned(PrivateKey otherRootKey, X509Certificate otherRoot) {
		X509Certificate cross = ca(INTERMEDIATE, this.intermediateKey.getPublic())
			.issuedBy(otherRoot.getSubjectX500Principal().getName(), otherRootKey)
			.sign();
		return new X509Certificate[] { this.leaf, this.intermediate, cross, this.root };
	}

	/**
	 * Returns a chain followed by more certificates.
	 * @param chain the chain
	 * @param more what follows it
	 * @return a new array
	 */
	public static X509Certificate[] concat(X509Certificate[] chain, List<X509Certificate> more) {
		List<X509Certificate> all = new ArrayList<>(List.of(chain));
		all.addAll(more);
		return all.toArray(X509Certificate[]::new);
	}

}
