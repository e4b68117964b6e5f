package io.github.pinning;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.pinning.test.MutableClock;
import io.github.pinning.test.TestPki;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChainCleanerTests {

	private static final TestPki pki = TestPki.generate(TestPki.KeyType.EC, "localhost");

	private final X509Certificate leaf = pki.leaf().certificate();

	private final X509Certificate intermediate = pki.intermediate().certificate();

	private final X509Certificate root = pki.root().certificate();

	private final X509Certificate rogueRoot = pki.rogueRoot().certificate();

	private final ChainCleaner cleaner = new ChainCleaner(new X509Certificate[] { this.root, this.rogueRoot });

	@Test
	void addsTheTrustAnchorThatTheServerDidNotSend() {
		assertThat(this.cleaner.clean(chain(this.leaf, this.intermediate))).containsExactly(this.leaf,
				this.intermediate, this.root);
	}

	@Test
	void ordersAChainSentOutOfOrderAndDropsDuplicatesAndStrangers() {
		X509Certificate stranger = pki.rogueLeaf().certificate();
		assertThat(this.cleaner.clean(chain(this.leaf, this.root, stranger, this.intermediate, this.intermediate)))
			.containsExactly(this.leaf, this.intermediate, this.root);
	}

	@Test
	void ignoresGenuineCertificatesAppendedToARogueLeaf() {
		X509Certificate rogueLeaf = pki.rogueLeaf().certificate();
		assertThat(this.cleaner.clean(chain(rogueLeaf, this.intermediate, this.root))).containsExactly(rogueLeaf,
				this.rogueRoot);
	}

	@Test
	void rejectsACertificateWhoseIssuerNameMatchesButWhoseKeyDidNotSign() {
		HeldCertificate impostorIntermediate = pki.ca("Genuine Intermediate CA", pki.rogueRoot(), 0);
		assertThat(this.cleaner.clean(chain(this.leaf, impostorIntermediate.certificate()))).containsExactly(this.leaf);
	}

	@Test
	void stopsAtALeafThatIsItselfATrustAnchor() {
		HeldCertificate selfSigned = new HeldCertificate.Builder().commonName("self.test").build();
		ChainCleaner trustingIt = new ChainCleaner(new X509Certificate[] { selfSigned.certificate() });
		assertThat(trustingIt.clean(chain(selfSigned.certificate()))).containsExactly(selfSigned.certificate());
	}

	@Test
	void anUnknownSelfSignedLeafIsItsOwnChainAndOnlyItsKeyMatches() {
		HeldCertificate unknown = new HeldCertificate.Builder().commonName("unknown.test").build();
		ValidatedChain validated = this.cleaner.validate(chain(unknown.certificate()));
		assertThat(validated.certificates()).containsExactly(unknown.certificate());
		assertThat(validated.matchable()).containsExactly(Pin.of(unknown.certificate()));
	}

	@Test
	void ordersAnUnorderedChainWithAndWithoutItsRoot() {
		HeldCertificate root = pki.ca("Root", null, 2);
		HeldCertificate a = pki.ca("A", root, 1);
		HeldCertificate b = pki.ca("B", a, 0);
		HeldCertificate c = pki.leaf(new String[] { "c.test" }, b);
		ChainCleaner trustingRoot = new ChainCleaner(new X509Certificate[] { root.certificate() });
		List<X509Certificate> expected = List.of(c.certificate(), b.certificate(), a.certificate(), root.certificate());
		assertThat(trustingRoot.clean(chain(c.certificate(), a.certificate(), root.certificate(), b.certificate())))
			.isEqualTo(expected);
		assertThat(trustingRoot.clean(chain(c.certificate(), a.certificate(), b.certificate()))).isEqualTo(expected);
	}

	@Test
	void aPathMayEndAtATrustedIntermediateOrGoOnToATrustedSelfSignedRoot() {
		HeldCertificate selfSigned = pki.ca("Self-signed", null, 2);
		HeldCertificate trusted = pki.ca("Trusted", selfSigned, 1);
		HeldCertificate a = pki.ca("A", trusted, 0);
		HeldCertificate b = pki.leaf(new String[] { "b.test" }, a);
		ChainCleaner cleaner = new ChainCleaner(new X509Certificate[] { selfSigned.certificate(), trusted.certificate() });
		for (X509Certificate[] served : List.of(chain(b.certificate(), a.certificate()),
				chain(b.certificate(), a.certificate(), trusted.certificate()),
				chain(b.certificate(), a.certificate(), trusted.certificate(), selfSigned.certificate()))) {
			ValidatedChain validated = cleaner.validate(served);
			assertThat(validated.certificates()).containsExactly(b.certificate(), a.certificate(), trusted.certificate());
			assertThat(validated.matchable()).containsExactlyInAnyOrder(Pin.of(b.certificate()), Pin.of(a.certificate()),
					Pin.of(trusted.certificate()), Pin.of(selfSigned.certificate()));
		}
	}

	@Test
	void aTrustAnchorNeedNotBeSelfSigned() {
		HeldCertificate unknownSigner = pki.ca("Unknown signer", null, 2);
		HeldCertificate trusted = pki.ca("Trusted", unknownSigner, 1);
		HeldCertificate intermediate = pki.ca("Intermediate", trusted, 0);
		HeldCertificate certificate = pki.leaf(new String[] { "leaf.test" }, intermediate);
		ChainCleaner cleaner = new ChainCleaner(new X509Certificate[] { trusted.certificate() });
		List<X509Certificate> expected = List.of(certificate.certificate(), intermediate.certificate(),
				trusted.certificate());
		assertThat(cleaner.clean(chain(certificate.certificate(), intermediate.certificate()))).isEqualTo(expected);
		assertThat(cleaner.clean(chain(certificate.certificate(), intermediate.certificate(), trusted.certificate())))
			.isEqualTo(expected);
		assertThat(cleaner.validate(chain(certificate.certificate(), intermediate.certificate())).matchable())
			.doesNotContain(Pin.of(unknownSigner.certificate()));
	}

	@Test
	void neverLinksThroughASignerThatIsNotACertificateAuthority() {
		// An ordinary certificate of the genuine intermediate, whose key the attacker holds, and
		// a leaf that this key signed under a CA certificate that the rogue root issued for it.
		HeldCertificate ordinary = new HeldCertificate.Builder().commonName("attacker.test")
			.addSubjectAlternativeName("attacker.test")
			.signedBy(pki.intermediate())
			.build();
		HeldCertificate rogueCa = new HeldCertificate.Builder().keyPair(ordinary.keyPair())
			.commonName("attacker.test")
			.certificateAuthority(0)
			.signedBy(pki.rogueRoot())
			.build();
		HeldCertificate rogueLeaf = pki.leaf(new String[] { "localhost" }, rogueCa);
		X509Certificate[] served = chain(rogueLeaf.certificate(), ordinary.certificate(), this.intermediate,
				rogueCa.certificate());
		ValidatedChain validated = this.cleaner.validate(served);
		assertThat(validated.certificates()).containsExactly(rogueLeaf.certificate(), rogueCa.certificate(),
				this.rogueRoot);
		assertThat(validated.matchable()).containsExactlyInAnyOrder(Pin.of(rogueLeaf.certificate()),
				Pin.of(rogueCa.certificate()), Pin.of(this.rogueRoot))
			.doesNotContain(Pin.of(this.intermediate), Pin.of(this.root));
	}

	@Test
	void matchesOnlyTheLeafWhereNoTrustAnchorIsKnown() {
		ChainCleaner trustingNothing = new ChainCleaner(new X509Certificate[0]);
		ValidatedChain validated = trustingNothing.validate(chain(this.leaf, this.intermediate, this.root));
		assertThat(validated.certificates()).containsExactly(this.leaf);
		assertThat(validated.matchable()).containsExactly(Pin.of(this.leaf));
	}

	@Test
	void aKeptVerdictNeverOutlivesTheEarliestNotAfterOnItsPath() {
		long now = System.currentTimeMillis();
		long day = TimeUnit.DAYS.toMillis(1);
		HeldCertificate shortLived = new HeldCertificate.Builder().commonName("Short-lived CA")
			.certificateAuthority(0)
			.validityInterval(now - day, now + day)
			.signedBy(pki.root())
			.build();
		HeldCertificate leaf = new HeldCertificate.Builder().commonName("localhost")
			.validityInterval(now - day, now + 10 * day)
			.signedBy(shortLived)
			.build();
		MutableClock clock = new MutableClock(Instant.ofEpochMilli(now));
		ChainCleaner cleaner = new ChainCleaner(new X509Certificate[] { this.root }, clock);
		X509Certificate[] served = chain(leaf.certificate(), shortLived.certificate());
		assertThat(cleaner.validate(served).matchable()).contains(Pin.of(shortLived.certificate()), Pin.of(this.root));
		assertThat(cleaner.validate(served).matchable()).contains(Pin.of(this.root));
		clock.advance(Duration.ofDays(2));
		assertThat(cleaner.validate(served).matchable()).containsExactly(Pin.of(leaf.certificate()));
		assertThat(cleaner.pathValidation().validations()).as("the kept verdict answered the second look-up")
			.isEqualTo(1);
	}

	@Test
	void aPathNotYetValidIsAcceptedOnceItsCertificatesAre() {
		long now = System.currentTimeMillis();
		long day = TimeUnit.DAYS.toMillis(1);
		HeldCertificate early = new HeldCertificate.Builder().commonName("Early CA")
			.certificateAuthority(0)
			.validityInterval(now + day, now + 10 * day)
			.signedBy(pki.root())
			.build();
		HeldCertificate leaf = new HeldCertificate.Builder().commonName("localhost")
			.validityInterval(now - day, now + 10 * day)
			.signedBy(early)
			.build();
		MutableClock clock = new MutableClock(Instant.ofEpochMilli(now));
		ChainCleaner cleaner = new ChainCleaner(new X509Certificate[] { this.root }, clock);
		X509Certificate[] served = chain(leaf.certificate(), early.certificate());
		assertThat(cleaner.validate(served).matchable()).containsExactly(Pin.of(leaf.certificate()));
		clock.advance(Duration.ofDays(2));
		assertThat(cleaner.validate(served).matchable()).contains(Pin.of(early.certificate()), Pin.of(this.root));
	}

	@Test
	void cutsAPathLongerThanAnyRealOne() {
		List<HeldCertificate> cas = new ArrayList<>();
		HeldCertificate issuer = pki.ca("CA 0", null, 20);
		ChainCleaner trustingTheTop = new ChainCleaner(new X509Certificate[] { issuer.certificate() });
		cas.add(issuer);
		for (int i = 1; i < 14; i++) {
			issuer = pki.ca("CA " + i, issuer, 20);
			cas.add(issuer);
		}
		HeldCertificate deepLeaf = pki.leaf(new String[] { "deep.test" }, issuer);
		X509Certificate[] served = new X509Certificate[cas.size() + 1];
		served[0] = deepLeaf.certificate();
		for (int i = 0; i < cas.size(); i++) {
			served[i + 1] = cas.get(cas.size() - 1 - i).certificate();
		}
		assertThat(trustingTheTop.clean(served)).containsExactly(deepLeaf.certificate());
		X509Certificate[] shorter = new X509Certificate[] { cas.get(2).certificate(), cas.get(1).certificate(),
				cas.get(0).certificate() };
		assertThat(trustingTheTop.clean(shorter)).hasSize(3);
	}

	@Test
	void validatesEachPathOnceAndThenAnswersFromTheCache() {
		this.cleaner.validate(chain(this.leaf, this.intermediate));
		assertThat(this.cleaner.pathValidation().validations()).isEqualTo(1);
		for (int i = 0; i < 10; i++) {
			this.cleaner.validate(chain(this.leaf, this.intermediate));
			this.cleaner.clean(chain(this.leaf, this.intermediate));
		}
		assertThat(this.cleaner.pathValidation().validations()).isEqualTo(1);
	}

	private static X509Certificate[] chain(X509Certificate... certificates) {
		return certificates;
	}

}
