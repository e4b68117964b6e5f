package io.github.pinning;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.pinning.test.Cases;
import io.github.pinning.test.CertificateForge;
import io.github.pinning.test.PkixOracle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pins the chain cleaner lets match, against an independent oracle built on the JDK's own
 * PKIX validator, over generated chains: CA bits, key usages, path lengths, validity, name
 * constraints, weak keys and wrong signers flipped at random; names shared by several keys
 * and keys shared by several names (cross-signs, loops, the attacker's re-used key); any
 * subset of the CAs trusted, including none; the served certificates picked with repeats and
 * in any order. For each chain, each pin of a certificate sent or trusted is checked as a pin
 * set of its own: it must match exactly when the oracle accepts it, but where the bound on the
 * search's cost cut the search short (counted, and held rare).
 * <p>
 * {@code -Dcases.factor=K} runs K times as many chains (CI runs 10,000 in a leg of its
 * own); each failure prints the seed that replays it.
 */
class ChainCleanerOracleTests {

	static final int CHAINS = 2_000;

	private static final long NOW = System.currentTimeMillis();

	private static final long DAY = TimeUnit.DAYS.toMillis(1);

	private static final String[] CA_NAMES = { "CN=CA A", "CN=CA B", "CN=CA C" };

	/** Keys are shared across certificates on purpose: the attacks re-use them. */
	private static final KeyPair[] KEYS = new KeyPair[9];

	static {
		for (int i = 0; i < KEYS.length - 1; i++) {
			KEYS[i] = CertificateForge.ecKey();
		}
		// A key the JDK's algorithm constraints refuse (RSA keySize < 1024).
		KEYS[KEYS.length - 1] = CertificateForge.rsaKey(512);
	}

	private final AtomicInteger withAcceptedPath = new AtomicInteger();

	private final AtomicInteger withRefusedPath = new AtomicInteger();

	private final AtomicInteger checks = new AtomicInteger();

	private final AtomicInteger cut = new AtomicInteger();

	private final AtomicInteger cutOffGenuine = new AtomicInteger();

	@Test
	void matchesExactlyThePinsOfPathsThatTheJdkValidatorAccepts() {
		int cases = Cases.check(CHAINS, (random) -> {
			World world = World.generate(random);
			Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
			ChainCleaner cleaner = new ChainCleaner(world.anchors().toArray(X509Certificate[]::new), clock);
			ValidatedChain validated = cleaner.validate(world.served());
			PkixOracle oracle = new PkixOracle(world.anchors(), new Date(NOW));
			Set<Pin> expected = oracle.matchablePins(world.served());
			assertThat(validated.pins()).as("the reported chain is one the oracle accepts, for %s", world)
				.allMatch(expected::contains);
			for (Pin pin : world.pins()) {
				PinSet pinSet = PinSet.of("oracle", Set.of("oracle.test"), Set.of(pin.toString()));
				ValidatedChain.Match match = validated.check(pinSet);
				this.checks.incrementAndGet();
				if (match.pin() != null) {
					assertThat(expected).as("never a pin the oracle refuses, for %s", world).contains(pin);
				}
				else if (match.cutShort() == null) {
					assertThat(expected).as("every pin the oracle accepts, for %s", world).doesNotContain(pin);
				}
				else if (expected.contains(pin)) {
					this.cutOffGenuine.incrementAndGet();
				}
				else {
					this.cut.incrementAndGet();
				}
				assertThat(cleaner.validate(world.served()).check(pinSet).pin())
					.as("the same chain again, from the cache")
					.isEqualTo(match.pin());
			}
			assertThat(validated.matchable()).as("never a pin the oracle refuses, on any path, for %s", world)
				.allMatch(expected::contains);
			assertThat(expected).as("the JDK's builder reaches no anchor the oracle misses, for %s", world)
				.containsAll(oracle.anchorsTheBuilderReaches(world.served()));
			if (expected.size() > 1) {
				this.withAcceptedPath.incrementAndGet();
			}
			if (oracle.refusedPaths() > 0) {
				this.withRefusedPath.incrementAndGet();
			}
		});
		System.out.printf("Oracle comparison: %d chains, %d with an accepted path, %d with a refused candidate;"
				+ " %d pin checks, %d refused by a search cut by its bound, %d of them of a pin the oracle accepts%n",
				cases, this.withAcceptedPath.get(), this.withRefusedPath.get(), this.checks.get(),
				this.cut.get() + this.cutOffGenuine.get(), this.cutOffGenuine.get());
		// The generator must reach both verdicts often, or the comparison proves little.
		assertThat(this.withAcceptedPath.get()).as("chains with an accepted path").isGreaterThan(cases / 10);
		assertThat(this.withRefusedPath.get()).as("chains with a refused candidate path").isGreaterThan(cases / 10);
		// The bound on signature verifications cuts searches in these worlds, where certificates
		// are flawed at random and up to four trusted CAs share one name, so that a valid path
		// may hide behind many refused ones. A cut search refuses: rarely, and never wrongly in
		// favour of an attacker. Well-formed chains hidden among junk are found (BoundedCostTests).
		assertThat(this.cut.get() + this.cutOffGenuine.get()).as("pin checks cut by their bound")
			.isLessThan(this.checks.get() / 20);
		assertThat(this.cutOffGenuine.get()).as("pin checks cut by their bound before a path the oracle accepts")
			.isLessThan(this.checks.get() / 500);
	}

	/**
	 * CA identities (a name and a key, either of which others may share), certificates between
	 * them with random flaws, a leaf, the trusted subset and what the server sends.
	 */
	private record World(List<X509Certificate> anchors, X509Certificate[] served, String description) {

		/** The pins of every certificate sent or trusted: each is checked as a pin set of its own. */
		Set<Pin> pins() {
			Set<Pin> pins = new LinkedHashSet<>();
			for (X509Certificate certificate : this.served) {
				pins.add(Pin.of(certificate));
			}
			for (X509Certificate anchor : this.anchors) {
				pins.add(Pin.of(anchor));
			}
			return pins;
		}

		static World generate(SplittableRandom random) {
			int identities = 2 + random.nextInt(3);
			String[] names = new String[identities];
			KeyPair[] keys = new KeyPair[identities];
			for (int i = 0; i < identities; i++) {
				names[i] = Cases.oneOf(random, CA_NAMES);
				keys[i] = KEYS[random.nextInt(KEYS.length)];
			}
			StringBuilder description = new StringBuilder();
			List<X509Certificate> cas = new ArrayList<>();
			int count = 2 + random.nextInt(5);
			for (int c = 0; c < count; c++) {
				int subject = random.nextInt(identities);
				int issuer = random.nextInt(identities);
				CertificateForge forge = CertificateForge.subject(names[subject], keys[subject].getPublic());
				description.append(names[subject]).append('#').append(subject).append(" <- ").append(names[issuer])
					.append('#').append(issuer).append(flaws(random, forge, names[issuer], keys[issuer])).append("; ");
				cas.add(forge.sign());
			}
			int issuer = random.nextInt(identities);
			String host = Cases.oneOf(random, "host.example.com", "localhost");
			CertificateForge leafForge = CertificateForge.subject("CN=" + host, KEYS[random.nextInt(KEYS.length)].getPublic())
				.dnsNames(host);
			description.append("leaf ").append(host).append(" <- ").append(names[issuer]).append('#').append(issuer)
				.append(leafFlaws(random, leafForge, names[issuer], keys[issuer]));
			X509Certificate leaf = leafForge.sign();
			List<X509Certificate> anchors = new ArrayList<>();
			for (X509Certificate ca : cas) {
				if (random.nextInt(5) < 2) {
					anchors.add(ca);
				}
			}
			int sent = random.nextInt(7);
			X509Certificate[] served = new X509Certificate[1 + sent];
			served[0] = leaf;
			for (int i = 1; i < served.length; i++) {
				served[i] = cas.get(random.nextInt(cas.size()));
			}
			description.append("; ").append(anchors.size()).append(" anchors; ").append(sent).append(" sent");
			return new World(List.copyOf(anchors), served, description.toString());
		}

		private static String flaws(SplittableRandom random, CertificateForge forge, String issuer,
				KeyPair issuerKey) {
			StringBuilder flaws = new StringBuilder();
			signer(random, forge, issuer, issuerKey, flaws);
			int bits = random.nextInt(20);
			Boolean ca = (bits < 14) ? Boolean.TRUE : (bits < 17) ? Boolean.FALSE : null;
			int pathLength = (random.nextInt(2) == 0) ? -1 : random.nextInt(2);
			forge.basicConstraints(ca, pathLength);
			flaws.append(" ca=").append(ca).append(" len=").append(pathLength);
			int usage = random.nextInt(6);
			if (usage < 3) {
				forge.keyUsage(usage != 0);
				flaws.append(" keyCertSign=").append(usage != 0);
			}
			validity(random, forge, flaws);
			int constraint = random.nextInt(10);
			if (constraint < 2) {
				forge.nameConstraint("example.com", constraint == 0);
				flaws.append((constraint == 0) ? " permits" : " excludes").append(" example.com");
			}
			return flaws.toString();
		}

		private static String leafFlaws(SplittableRandom random, CertificateForge forge, String issuer,
				KeyPair issuerKey) {
			StringBuilder flaws = new StringBuilder();
			signer(random, forge, issuer, issuerKey, flaws);
			validity(random, forge, flaws);
			return flaws.toString();
		}

		private static void signer(SplittableRandom random, CertificateForge forge, String issuer, KeyPair issuerKey,
				StringBuilder flaws) {
			if (random.nextInt(10) == 0) {
				int key = random.nextInt(KEYS.length);
				forge.issuedBy(issuer, KEYS[key].getPrivate());
				flaws.append(" signed by key ").append(key);
			}
			else {
				forge.issuedBy(issuer, issuerKey.getPrivate());
			}
		}

		private static void validity(SplittableRandom random, CertificateForge forge, StringBuilder flaws) {
			int validity = random.nextInt(12);
			if (validity == 0) {
				forge.validity(NOW - 10 * DAY, NOW - DAY);
				flaws.append(" expired");
			}
			else if (validity == 1) {
				forge.validity(NOW + DAY, NOW + 10 * DAY);
				flaws.append(" not yet valid");
			}
			else {
				forge.validity(NOW - DAY, NOW + 10 * DAY);
			}
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

}
