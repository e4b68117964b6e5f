package io.github.pinning;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;

import io.github.pinning.test.CertificateForge;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.Violations;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of distinct violating hosts and chains leaves every cache of the core within its
 * bound: the violation history, the policy's host look-ups, and the cleaner's chains and
 * path verdicts.
 */
class BoundedMemoryTests {

	private static final TestPki pki = TestPki.localhost();

	@Test
	void historyKeepsTheLastHundredViolationsOfAFlood() {
		PinSet pinSet = Violations.pinSet(pki, "wide", "**.example.com");
		PinningHistory history = new PinningHistory();
		Instant now = Instant.now();
		for (int i = 0; i < 50_000; i++) {
			history.onViolation(Violations.rogue(pki, pinSet, "h" + i + ".example.com", now));
		}
		assertThat(history.recentViolations()).hasSize(PinningHistory.DEFAULT_CAPACITY);
		assertThat(history.violationCount("wide")).isEqualTo(50_000);
	}

	@Test
	void policyRemembersABoundedNumberOfHosts() {
		PinningPolicy policy = PinningPolicy.of(Violations.pinSet(pki, "wide", "**.example.com"));
		for (int i = 0; i < 50_000; i++) {
			assertThat(policy.pinSetFor("h" + i + ".example.com")).isNotNull();
			assertThat(policy.pinSetFor("h" + i + ".example.org")).isNull();
		}
		assertThat(policy.rememberedHosts()).isLessThanOrEqualTo(PinningPolicy.MAX_REMEMBERED_HOSTS);
	}

	@Test
	void cleanerCachesABoundedNumberOfChainsAndPathVerdicts() {
		ChainCleaner cleaner = new ChainCleaner(new X509Certificate[] { pki.root().certificate() });
		int chains = PathValidation.MAX_CACHED_PATHS + 500;
		// Distinct certificates of one key: a chain is told apart by its certificates, and a key
		// pair of its own for each would only make the test slower. An RSA-1024 issuer (the
		// smallest the JDK accepts) signs and is verified in a fraction of the time of any other.
		HeldCertificate issuer = new HeldCertificate.Builder().commonName("Cheap intermediate")
			.keyPair(CertificateForge.rsaKey(1024))
			.certificateAuthority(0)
			.signedBy(pki.root())
			.build();
		KeyPair key = pki.leaf().keyPair();
		for (int i = 0; i < chains; i++) {
			HeldCertificate leaf = new HeldCertificate.Builder().commonName("h" + i + ".test")
				.keyPair(key)
				.signedBy(issuer)
				.build();
			ValidatedChain validated = cleaner
				.validate(new X509Certificate[] { leaf.certificate(), issuer.certificate() });
			assertThat(validated.certificates()).hasSize(3);
		}
		assertThat(cleaner.pathValidation().validations()).isEqualTo(chains);
		assertThat(cleaner.cachedChains()).isPositive().isLessThanOrEqualTo(ChainCleaner.MAX_CACHED_CHAINS);
		assertThat(cleaner.pathValidation().cachedVerdicts()).isPositive()
			.isLessThanOrEqualTo(PathValidation.MAX_CACHED_PATHS);
	}

}
