package io.github.pinning;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

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
	void cutsAPathLongerThanAnyRealOne() {
		List<HeldCertificate> cas = new ArrayList<>();
		HeldCertificate issuer = pki.ca("CA 0", null, 20);
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
		assertThat(this.cleaner.clean(served)).hasSize(ChainCleaner.MAX_LENGTH);
	}

	@Test
	void verifiesEachLinkOnceAndThenAnswersFromTheCache() {
		this.cleaner.clean(chain(this.leaf, this.intermediate));
		assertThat(this.cleaner.signatureVerifications()).isEqualTo(2);
		for (int i = 0; i < 10; i++) {
			this.cleaner.clean(chain(this.leaf, this.intermediate));
		}
		assertThat(this.cleaner.signatureVerifications()).isEqualTo(2);
	}

	private static X509Certificate[] chain(X509Certificate... certificates) {
		return certificates;
	}

}
