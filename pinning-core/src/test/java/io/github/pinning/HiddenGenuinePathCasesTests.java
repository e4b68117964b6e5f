package io.github.pinning;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.pinning.test.Cases;
import io.github.pinning.test.CertificateForge;
import io.github.pinning.test.PkixOracle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound on the search's cost never cuts off a genuine chain: generated well-formed PKIs
 * (one or two trusted roots, one to three levels of intermediates, each CA certified by one or
 * two CAs of the level above, so that paths are cross-signed), served in any order, with junk
 * that links to them (a certificate carrying a served CA's subject and key under a mesh of CAs
 * whose signatures all verify) and signers with long RSA exponents. Every certificate on a path
 * from the leaf to a root, pinned alone, must match, and no search may be cut short.
 */
class HiddenGenuinePathCasesTests {

	private static final KeyPair[] KEYS = keys(12);

	/**
	 * The junk's own keys. Junk that carried the pinned keys under names that link to them
	 * could make the search run to its bound and refuse: only a peer on the path can send it,
	 * and it could as well drop the connection (BoundedCostTests).
	 */
	private static final KeyPair[] JUNK_KEYS = keys(8);

	private static KeyPair[] keys(int count) {
		KeyPair[] keys = new KeyPair[count];
		for (int i = 0; i < count; i++) {
			keys[i] = CertificateForge.ecKey();
		}
		return keys;
	}

	private final AtomicInteger checks = new AtomicInteger();

	private final AtomicInteger withJunk = new AtomicInteger();

	@Test
	void everyPinOnAGenuinePathMatchesWhateverJunkSurroundsIt() {
		int cases = Cases.check(200, (random) -> {
			Pki pki = Pki.generate(random);
			List<X509Certificate> served = new ArrayList<>(pki.intermediates());
			int junk = random.nextInt(4) * 5;
			if (junk > 0) {
				served.addAll(junkMesh(random, served.get(random.nextInt(served.size())), junk));
				this.withJunk.incrementAndGet();
			}
			if (random.nextBoolean()) {
				served.add(CertificateForge.subject(pki.names().get(random.nextInt(pki.names().size())),
						io.github.pinning.test.AdversarialChains.longExponentKey())
					.basicConstraints(true, -1)
					.signWith(JUNK_KEYS[0].getPrivate()));
			}
			Collections.shuffle(served, new java.util.Random(random.nextLong()));
			served.add(0, pki.leaf());
			X509Certificate[] chain = served.toArray(X509Certificate[]::new);
			if (junk == 0) {
				Set<Pin> oracle = new PkixOracle(pki.roots(), new Date()).matchablePins(chain);
				assertThat(oracle).as("the construction agrees with the oracle, %s", pki).isEqualTo(pki.onPaths());
			}
			ChainCleaner cleaner = new ChainCleaner(pki.roots().toArray(X509Certificate[]::new));
			ValidatedChain validated = cleaner.validate(chain);
			for (Pin pin : pki.onPaths()) {
				ValidatedChain.Match match = validated
					.check(PinSet.of("genuine", Set.of("genuine.test"), Set.of(pin.toString())));
				this.checks.incrementAndGet();
				assertThat(match.cutShort()).as("no cut for %s, %s with %d junk", pin, pki, junk).isNull();
				assertThat(match.pin()).as("%s matches, %s with %d junk", pin, pki, junk).isEqualTo(pin);
			}
			assertThat(cleaner.signatureVerifications()).as("within the bound of each check")
				.isLessThanOrEqualTo((long) ChainCleaner.signatureBudget(chain.length) * (1 + pki.onPaths().size()));
		});
		System.out.printf("Hidden genuine paths: %d PKIs, %d with junk, %d pin checks%n", cases, this.withJunk.get(),
				this.checks.get());
		assertThat(this.withJunk.get()).isGreaterThan(cases / 2);
	}

	/** A certificate with a served CA's subject and key under the mesh, then the mesh. */
	private static List<X509Certificate> junkMesh(SplittableRandom random, X509Certificate carried, int size) {
		List<X509Certificate> junk = new ArrayList<>(size);
		int first = random.nextInt(JUNK_KEYS.length);
		junk.add(CertificateForge.subject(carried.getSubjectX500Principal().getName(), carried.getPublicKey())
			.basicConstraints(true, -1)
			.issuedBy("CN=Junk Mesh", JUNK_KEYS[first].getPrivate())
			.sign());
		for (int i = 1; i < size; i++) {
			junk.add(CertificateForge.subject("CN=Junk Mesh", JUNK_KEYS[(first + i) % JUNK_KEYS.length].getPublic())
				.basicConstraints(true, -1)
				.issuedBy("CN=Junk Mesh", JUNK_KEYS[(first + i + 1) % JUNK_KEYS.length].getPrivate())
				.sign());
		}
		return junk;
	}

	/**
	 * A well-formed PKI: its roots (trusted), the intermediates' certificates, the leaf, the
	 * names of its CAs, and the pins of every certificate on a path from the leaf to a root.
	 */
	private record Pki(List<X509Certificate> roots, List<X509Certificate> intermediates, X509Certificate leaf,
			List<String> names, Set<Pin> onPaths, String description) {

		static Pki generate(SplittableRandom random) {
			List<Integer> keys = new ArrayList<>();
			for (int i = 0; i < KEYS.length; i++) {
				keys.add(i);
			}
			Collections.shuffle(keys, new java.util.Random(random.nextLong()));
			int next = 0;
			List<String> names = new ArrayList<>();
			List<List<Ca>> levels = new ArrayList<>();
			List<Ca> roots = new ArrayList<>();
			List<X509Certificate> rootCertificates = new ArrayList<>();
			for (int r = 0; r < 1 + random.nextInt(2); r++) {
				Ca root = new Ca("CN=Root " + r, KEYS[keys.get(next++)], new ArrayList<>());
				root.certificates().add(ca(root.name(), root.key(), root.name(), root.key()));
				rootCertificates.add(root.certificates().get(0));
				roots.add(root);
				names.add(root.name());
			}
			levels.add(roots);
			StringBuilder description = new StringBuilder(roots.size() + " roots");
			int depth = 1 + random.nextInt(3);
			List<X509Certificate> intermediates = new ArrayList<>();
			for (int level = 1; level <= depth; level++) {
				List<Ca> above = levels.get(level - 1);
				List<Ca> here = new ArrayList<>();
				for (int c = 0; c < 1 + random.nextInt(2); c++) {
					Ca ca = new Ca("CN=Level " + level + " CA " + c, KEYS[keys.get(next++)], new ArrayList<>());
					List<Ca> issuers = new ArrayList<>(above);
					Collections.shuffle(issuers, new java.util.Random(random.nextLong()));
					for (Ca issuer : issuers.subList(0, Math.min(issuers.size(), 1 + random.nextInt(2)))) {
						ca.certificates().add(ca(ca.name(), ca.key(), issuer.name(), issuer.key()));
					}
					intermediates.addAll(ca.certificates());
					names.add(ca.name());
					here.add(ca);
					description.append("; ").append(ca.name()).append(" x").append(ca.certificates().size());
				}
				levels.add(here);
			}
			Ca signer = levels.get(depth).get(random.nextInt(levels.get(depth).size()));
			X509Certificate leaf = CertificateForge.subject("CN=genuine.test", KEYS[keys.get(next)].getPublic())
				.dnsNames("genuine.test")
				.issuedBy(signer.name(), signer.key().getPrivate())
				.sign();
			Set<Pin> onPaths = new LinkedHashSet<>();
			onPaths.add(Pin.of(leaf));
			collect(signer, levels, onPaths);
			return new Pki(rootCertificates, intermediates, leaf, names, onPaths, description.toString());
		}

		/** Every certificate of a CA reaches a root: CAs are certified by the level above only. */
		private static void collect(Ca ca, List<List<Ca>> levels, Set<Pin> onPaths) {
			for (X509Certificate certificate : ca.certificates()) {
				onPaths.add(Pin.of(certificate));
				for (List<Ca> level : levels) {
					for (Ca issuer : level) {
						if (issuer != ca && issuer.name().equals(certificate.getIssuerX500Principal().getName())) {
							collect(issuer, levels, onPaths);
						}
					}
				}
			}
		}

		private static X509Certificate ca(String name, KeyPair key, String issuer, KeyPair issuerKey) {
			return CertificateForge.subject(name, key.getPublic())
				.basicConstraints(true, -1)
				.keyUsage(true)
				.issuedBy(issuer, issuerKey.getPrivate())
				.sign();
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

	private record Ca(String name, KeyPair key, List<X509Certificate> certificates) {
	}

}
