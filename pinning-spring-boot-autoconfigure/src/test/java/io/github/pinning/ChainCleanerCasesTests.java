package io.github.pinning;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.github.pinning.test.Cases;
import io.github.pinning.test.TestPki;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain cleaner over generated chains of up to 20 certificates (genuine and rogue paths,
 * cross-signed and mutually signed CAs, self-signed strangers, duplicates, wrong issuers):
 * it always returns, within the bounds of its path length and its signature checks, and every
 * link it returns is verified.
 */
class ChainCleanerCasesTests {

	private static final TestPki pki = TestPki.localhost();

	private static final List<X509Certificate> POOL = new ArrayList<>();

	private static final List<X509Certificate> LEAVES = new ArrayList<>();

	static {
		HeldCertificate partnerRoot = pki.ca("Partner Root CA", null, 2);
		HeldCertificate crossA = pki.ca("Cross CA", pki.root(), 1);
		HeldCertificate crossB = new HeldCertificate.Builder().keyPair(crossA.keyPair())
			.commonName("Cross CA")
			.certificateAuthority(1)
			.signedBy(partnerRoot)
			.build();
		// Two CAs that sign each other: following issuers alone would never end.
		HeldCertificate loopSeed = pki.ca("Loop B", null, 5);
		HeldCertificate loopA = new HeldCertificate.Builder().commonName("Loop A")
			.certificateAuthority(5)
			.signedBy(loopSeed)
			.build();
		HeldCertificate loopB = new HeldCertificate.Builder().keyPair(loopSeed.keyPair())
			.commonName("Loop B")
			.certificateAuthority(5)
			.signedBy(loopA)
			.build();
		HeldCertificate impostorIntermediate = pki.ca("Genuine Intermediate CA", pki.rogueRoot(), 0);
		HeldCertificate stranger = new HeldCertificate.Builder().commonName("Stranger").build();
		for (HeldCertificate certificate : List.of(pki.root(), pki.intermediate(), pki.rogueRoot(), partnerRoot,
				crossA, crossB, loopA, loopB, loopSeed, impostorIntermediate, stranger)) {
			POOL.add(certificate.certificate());
		}
		for (HeldCertificate certificate : List.of(pki.leaf(), pki.rogueLeaf(),
				pki.leaf(new String[] { "cross.test" }, crossA), pki.leaf(new String[] { "loop.test" }, loopA),
				pki.leaf(new String[] { "impostor.test" }, impostorIntermediate), stranger)) {
			LEAVES.add(certificate.certificate());
		}
	}

	@Test
	void alwaysReturnsAVerifiedPathWithinBoundedWork() {
		Cases.check(3_000, (random) -> {
			X509Certificate[] anchors = anchors(random);
			ChainCleaner cleaner = new ChainCleaner(anchors);
			X509Certificate[] served = served(random);
			long before = cleaner.signatureVerifications();
			List<X509Certificate> path = cleaner.clean(served);
			long verifications = cleaner.signatureVerifications() - before;
			assertThat(path).isNotEmpty().hasSizeLessThanOrEqualTo(ChainCleaner.MAX_LENGTH);
			assertThat(path.get(0)).isSameAs(served[0]);
			for (int i = 0; i + 1 < path.size(); i++) {
				assertThat(signs(path.get(i + 1), path.get(i))).as("link %d of %s", i, path).isTrue();
			}
			int bound = served.length * (served.length + anchors.length);
			assertThat(verifications).as("signature checks for %d served, %d anchors", served.length, anchors.length)
				.isLessThanOrEqualTo(bound);
			ValidatedChain validated = cleaner.validate(served);
			assertThat(validated.certificates()).isEqualTo(path);
			assertThat(validated.matchable()).containsAll(validated.pins().subList(0, 1));
		});
	}

	private static X509Certificate[] anchors(SplittableRandom random) {
		List<X509Certificate> anchors = new ArrayList<>();
		for (X509Certificate certificate : POOL) {
			if (random.nextInt(3) == 0) {
				anchors.add(certificate);
			}
		}
		return anchors.toArray(X509Certificate[]::new);
	}

	private static X509Certificate[] served(SplittableRandom random) {
		int size = 1 + random.nextInt(20);
		X509Certificate[] served = new X509Certificate[size];
		served[0] = LEAVES.get(random.nextInt(LEAVES.size()));
		for (int i = 1; i < size; i++) {
			served[i] = (random.nextInt(5) == 0) ? LEAVES.get(random.nextInt(LEAVES.size()))
					: POOL.get(random.nextInt(POOL.size()));
		}
		return served;
	}

	private static boolean signs(X509Certificate signer, X509Certificate certificate) {
		try {
			certificate.verify(signer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
