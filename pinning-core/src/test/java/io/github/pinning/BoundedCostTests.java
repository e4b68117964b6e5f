package io.github.pinning;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

import io.github.pinning.test.AdversarialChains;
import io.github.pinning.test.CertificateForge;
import io.github.pinning.test.PkixOracle;
import io.github.pinning.test.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pin step may cost, whatever a peer sends: the signatures it verifies per check
 * (counted, the JDK's validator included) stay within the bound the served chain's length
 * sets, signers the JDK would not use are never tried, and a search that reaches its bound
 * without finding a pin fails closed, saying so. The chains are those of
 * {@link AdversarialChains}, sent with and without the pinned host's genuine chain.
 */
class BoundedCostTests {

	private static final AdversarialChains chains = AdversarialChains.generate("pinned.test");

	private final ChainCleaner cleaner = new ChainCleaner(
			new X509Certificate[] { chains.root(), chains.rogueRoot() });

	private final PinSet pinnedToTheRoot = PinSet.of("pinned", Set.of("pinned.test"),
			Set.of(Pin.of(chains.root()).toString()));

	@ParameterizedTest
	@ValueSource(ints = { 1, 10, 100 })
	void theGenuineChainWithAJunkMeshMatchesWithinTheBound(int junk) {
		X509Certificate[] served = chains.withJunkMesh(chains.genuine(), junk);
		assertThat(this.cleaner.validate(served).check(this.pinnedToTheRoot).pin()).isNotNull();
		assertThat(this.cleaner.signatureVerifications()).isLessThanOrEqualTo(ChainCleaner.signatureBudget(served.length));
	}

	@Test
	void theJunkMeshSentBeforeTheGenuineIntermediateCannotHideIt() {
		X509Certificate[] genuine = chains.genuine();
		List<X509Certificate> junk = chains.junkMesh(genuine[1], 100);
		X509Certificate[] served = new X509Certificate[genuine.length + junk.size()];
		served[0] = genuine[0];
		for (int i = 0; i < junk.size(); i++) {
			served[i + 1] = junk.get(i);
		}
		served[junk.size() + 1] = genuine[1];
		served[junk.size() + 2] = genuine[2];
		assertThat(this.cleaner.validate(served).check(this.pinnedToTheRoot).pin()).isNotNull();
		assertThat(this.cleaner.signatureVerifications()).isLessThanOrEqualTo(ChainCleaner.signatureBudget(served.length));
	}

	@ParameterizedTest
	@ValueSource(ints = { 10, 100 })
	void anImpostorWithJunkThatLeadsNowhereIsRefusedWithoutTryingIt(int junk) {
		X509Certificate[] impostor = chains.impostor();
		X509Certificate[] withPinned = { impostor[0], impostor[1], chains.intermediate(), chains.root() };
		ValidatedChain validated = this.cleaner.validate(chains.withJunkMesh(withPinned, junk));
		assertThat(validated.check(this.pinnedToTheRoot).pin()).isNull();
		assertThat(validated.check(this.pinnedToTheRoot).cutShort()).isNull();
		// The rogue path: the leaf's signature and the validator's; no junk signature at all.
		assertThat(this.cleaner.signatureVerifications()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 10, 100 })
	void anImpostorWithJunkLinkedByNameToThePinnedRootCostsOneVerificationOfTheJunkThatNamesIt(int junk) {
		X509Certificate[] served = chains.withJunkMeshTowardTheRoot(chains.impostor(), junk);
		ValidatedChain validated = this.cleaner.validate(served);
		assertThat(validated.check(this.pinnedToTheRoot).pin()).isNull();
		assertThat(validated.check(this.pinnedToTheRoot).cutShort()).isNull();
		// The rogue path's two, and the one certificate that names the pinned root as its issuer:
		// the root never signed it, so nothing of the mesh below it is tried.
		assertThat(this.cleaner.signatureVerifications()).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 100 })
	void anImpostorsForgedRootSignaturesCostThreeVerificationsAndAreRefusedAsCutShort(int forged) {
		// 8 in 10 certificates: the most the JDK's client accepts (jdk.tls.maxCertificateChainLength).
		X509Certificate[] served = chains.withForgedRootSignatures(chains.impostor(), forged);
		ValidatedChain validated = this.cleaner.validate(served);
		assertThat(validated.check(this.pinnedToTheRoot).pin()).isNull();
		// The rogue path's two, then the root's key against the forged signatures until it has
		// failed on as many as one key is given.
		assertThat(this.cleaner.signatureVerifications()).isEqualTo(2 + ChainCleaner.MAX_FAILURES_PER_SIGNER);
		assertThat(validated.check(this.pinnedToTheRoot).cutShort()).contains("cut short");
	}

	@Test
	void theRefusalOfForgedRootSignaturesSaysHowManyWereNotVerified() {
		X509Certificate[] served = chains.withForgedRootSignatures(chains.impostor(), 8);
		assertThat(this.cleaner.validate(served).check(this.pinnedToTheRoot).cutShort())
			.isEqualTo("the search for a pinned path was cut short after " + ChainCleaner.MAX_FAILURES_PER_SIGNER
					+ " certificates named as issued by one key failed its signature check: "
					+ (8 - ChainCleaner.MAX_FAILURES_PER_SIGNER) + " more were not verified");
	}

	@Test
	void aLeafServedWithMoreWouldBeSignersThanTheBoundIsRefusedAndSaysTheSearchWasCut() {
		// Each would-be signer has a key of its own, so each costs a verification.
		X509Certificate[] served = chains.withOtherSignersFirst(chains.genuine(), 30);
		ValidatedChain validated = this.cleaner.validate(served);
		assertThat(validated.check(this.pinnedToTheRoot).pin()).isNull();
		assertThat(this.cleaner.signatureVerifications()).isEqualTo(ChainCleaner.signatureBudget(served.length));
		assertThat(validated.check(this.pinnedToTheRoot).cutShort()).contains("cut short")
			.contains(ChainCleaner.signatureBudget(served.length) + " signature verifications");
	}

	@Test
	void anImpostorWithoutJunkIsRefusedAfterACompleteSearch() {
		ValidatedChain validated = this.cleaner.validate(chains.impostor());
		assertThat(validated.check(this.pinnedToTheRoot).pin()).isNull();
		assertThat(validated.check(this.pinnedToTheRoot).cutShort()).isNull();
	}

	@Test
	void servedSignersWithLongRsaExponentsAreNeverTried() {
		X509Certificate[] genuine = chains.genuine();
		X509Certificate[] expensive = chains.withExpensiveSigners(new X509Certificate[] { genuine[0] }, 3);
		// The expensive signers come first, where the intermediate's name is looked for.
		X509Certificate[] served = AdversarialChains.concat(expensive, List.of(genuine[1], genuine[2]));
		assertThat(this.cleaner.validate(served).check(this.pinnedToTheRoot).pin()).isNotNull();
		assertThat(this.cleaner.expensiveSignersSkipped()).isPositive();
		// Each verification against such a key would cost milliseconds; none was made.
		assertThat(this.cleaner.signatureVerifications()).isLessThanOrEqualTo(4);
	}

	@Test
	void aPathOnlyThroughALongExponentSignerIsRefusedAndSaysWhy() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(new RSAKeyGenParameterSpec(2048, BigInteger.ONE.shiftLeft(80).add(BigInteger.valueOf(13))));
		KeyPair intermediateKey = generator.generateKeyPair();
		KeyPair rootKey = CertificateForge.ecKey();
		X509Certificate root = CertificateForge.subject("CN=Exponent Root", rootKey.getPublic())
			.basicConstraints(true, -1)
			.signWith(rootKey.getPrivate());
		X509Certificate intermediate = CertificateForge.subject("CN=Exponent Intermediate", intermediateKey.getPublic())
			.basicConstraints(true, -1)
			.issuedBy("CN=Exponent Root", rootKey.getPrivate())
			.sign();
		X509Certificate leaf = CertificateForge.subject("CN=exponent.test", CertificateForge.ecKey().getPublic())
			.issuedBy("CN=Exponent Intermediate", intermediateKey.getPrivate())
			.sign();
		X509Certificate[] served = { leaf, intermediate };
		assertThat(new PkixOracle(List.of(root), new Date()).matchablePins(served)).as("the JDK accepts it")
			.contains(Pin.of(root));
		ChainCleaner cleaner = new ChainCleaner(new X509Certificate[] { root });
		PinSet pinnedToItsRoot = PinSet.of("exponent", Set.of("exponent.test"), Set.of(Pin.of(root).toString()));
		ValidatedChain.Match match = cleaner.validate(served).check(pinnedToItsRoot);
		assertThat(match.pin()).isNull();
		assertThat(match.cutShort()).contains("public exponent is longer than 64 bits");
	}

	@Test
	void aTrustAnchorWithALongExponentIsStillUsed() {
		KeyPair leafKey = CertificateForge.ecKey();
		PublicKey anchorKey = AdversarialChains.longExponentKey();
		// No private key exists for the anchor's key: its certificate is signed by another key,
		// which a trust anchor need not match; the leaf's signature cannot verify either, so the
		// anchor is tried (counted) and refused, rather than skipped.
		KeyPair other = CertificateForge.ecKey();
		X509Certificate anchor = CertificateForge.subject("CN=Long Exponent Root", anchorKey)
			.basicConstraints(true, -1)
			.signWith(other.getPrivate());
		X509Certificate leaf = CertificateForge.subject("CN=leaf.test", leafKey.getPublic())
			.issuedBy("CN=Long Exponent Root", other.getPrivate())
			.sign();
		ChainCleaner trustingIt = new ChainCleaner(new X509Certificate[] { anchor });
		trustingIt.validate(new X509Certificate[] { leaf });
		assertThat(trustingIt.signatureVerifications()).isEqualTo(1);
		assertThat(trustingIt.expensiveSignersSkipped()).isZero();
	}

	@Test
	void aCrossSignedPinHiddenAmongJunkIsFoundWithinTheBound() {
		KeyPair otherRootKey = CertificateForge.ecKey();
		X509Certificate otherRoot = CertificateForge.subject("CN=Adversarial Other Root", otherRootKey.getPublic())
			.basicConstraints(true, -1)
			.keyUsage(true)
			.signWith(otherRootKey.getPrivate());
		ChainCleaner trustingBoth = new ChainCleaner(new X509Certificate[] { chains.root(), otherRoot });
		X509Certificate[] served = chains.withJunkMesh(chains.crossSigned(otherRootKey.getPrivate(), otherRoot), 100);
		PinSet pinnedToTheOtherRoot = PinSet.of("other", Set.of("pinned.test"),
				Set.of(Pin.of(otherRoot).toString()));
		assertThat(trustingBoth.validate(served).check(pinnedToTheOtherRoot).pin()).isNotNull();
		assertThat(trustingBoth.signatureVerifications()).isLessThanOrEqualTo(ChainCleaner.signatureBudget(served.length));
		PkixOracle oracle = new PkixOracle(List.of(chains.root(), otherRoot), new Date());
		assertThat(oracle.matchablePins(chains.crossSigned(otherRootKey.getPrivate(), otherRoot)))
			.contains(Pin.of(otherRoot));
	}

	@ParameterizedTest
	@ValueSource(ints = { 3, 6 })
	void theGenuinePathThroughACrossSigningMazeIsFoundWithinTheBound(int width) {
		X509Certificate[] served = chains.genuineBehindAMaze(width);
		assertThat(this.cleaner.validate(served).check(this.pinnedToTheRoot).pin()).isNotNull();
		assertThat(this.cleaner.signatureVerifications()).isLessThanOrEqualTo(ChainCleaner.signatureBudget(served.length));
	}

	@Test
	void verdictsAreKeptSoThatTheSameCertificatesAgainCostNoSignature() {
		X509Certificate[] served = chains.withJunkMesh(chains.impostor(), 10);
		this.cleaner.validate(served).check(this.pinnedToTheRoot);
		X509Certificate[] genuine = chains.genuine();
		this.cleaner.validate(genuine).check(this.pinnedToTheRoot);
		long before = this.cleaner.signatureVerifications();
		this.cleaner.validate(served.clone()).check(this.pinnedToTheRoot);
		this.cleaner.validate(new X509Certificate[] { genuine[0], genuine[2], genuine[1] }).check(this.pinnedToTheRoot);
		assertThat(this.cleaner.signatureVerifications()).isEqualTo(before);
	}

	@Test
	void aViolationKeepsTheFirstCertificatesServedAndSaysWhyTheSearchEnded() throws Exception {
		RecordingListener listener = new RecordingListener();
		PinChecker checker = new PinChecker(PinningPolicy.of(this.pinnedToTheRoot.withMode(PinningMode.REPORT_ONLY)),
				listener, Clock.systemUTC(), new X509Certificate[] { chains.root(), chains.rogueRoot() });
		checker.check(chains.withForgedRootSignatures(chains.impostor(), 100), "pinned.test", 443);
		assertThat(listener.violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.servedChain()).hasSize(PinningViolation.MAX_SERVED_CERTIFICATES);
			assertThat(violation.searchCutShort()).contains("cut short");
		});
	}

	@Test
	void anIssuerNameThatOnlyComparesEqualStillLinks() {
		KeyPair rootKey = CertificateForge.ecKey();
		KeyPair intermediateKey = CertificateForge.ecKey();
		X509Certificate root = CertificateForge.subject("CN=Case Root", rootKey.getPublic())
			.basicConstraints(true, -1)
			.signWith(rootKey.getPrivate());
		X509Certificate intermediate = CertificateForge.subject("CN=Case Intermediate", intermediateKey.getPublic())
			.basicConstraints(true, -1)
			.issuedBy("CN=Case Root", rootKey.getPrivate())
			.sign();
		// RFC 5280 compares names without regard to case: the JDK's validator links these.
		X509Certificate leaf = CertificateForge.subject("CN=case.test", CertificateForge.ecKey().getPublic())
			.issuedBy("CN=CASE   intermediate", intermediateKey.getPrivate())
			.sign();
		X509Certificate[] served = { leaf, intermediate, root };
		PkixOracle oracle = new PkixOracle(List.of(root), new Date());
		assertThat(oracle.matchablePins(served)).contains(Pin.of(intermediate));
		ChainCleaner cleaner = new ChainCleaner(new X509Certificate[] { root });
		assertThat(cleaner.validate(served).certificates()).containsExactly(leaf, intermediate, root);
	}

}
