package io.github.pinning.adversarial;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.X509TrustManager;

import io.github.pinning.CertificatePinningException;
import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.ServerCertificates;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.TrustingEverything;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What an attacker can put in a chain, through real handshakes: only a chain that PKIX accepts
 * and whose verified path to a trust anchor holds a pin gets through.
 */
class AdversarialChainTests {

	private static final TestPki pki = TestPki.localhost();

	private final RecordingListener listener = new RecordingListener();

	/** Pins the genuine intermediate and root; trusts the genuine and the rogue root. */
	private PinningTrustManager pinning() {
		return pinning(TestPki.trusting(pki.root(), pki.rogueRoot()), pki.intermediate(), pki.root());
	}

	private PinningTrustManager pinning(X509TrustManager trust, HeldCertificate... pinned) {
		PinSet pinSet = PinSet.of("local", List.of("localhost", "127.0.0.1"), TestPki.pins(pinned));
		return new PinningTrustManager(trust, PinningPolicy.of(pinSet), this.listener, Clock.systemUTC());
	}

	private static Throwable handshake(X509TrustManager trustManager, ServerCertificates served, Transport transport)
			throws Exception {
		try (TlsServer server = TlsServer.start(served, "served")) {
			return catchThrowable(() -> Handshakes.connect(transport, trustManager, "localhost", server.port(), "TLSv1.3"));
		}
	}


	@ParameterizedTest
	@EnumSource(Transport.class)
	void theGenuineChainPassesInAnyOrderWithDuplicatesAndStrangers(Transport transport) throws Exception {
		X509Certificate intermediate = pki.intermediate().certificate();
		X509Certificate root = pki.root().certificate();
		X509Certificate stranger = new HeldCertificate.Builder().commonName("Stranger").certificateAuthority(0)
			.build()
			.certificate();
		assertThat(handshake(pinning(), TestPki.serving(pki.leaf(), root, intermediate), transport)).isNull();
		assertThat(handshake(pinning(), TestPki.serving(pki.leaf(), intermediate, intermediate, root, root), transport))
			.isNull();
		assertThat(handshake(pinning(), TestPki.serving(pki.leaf(), stranger, intermediate), transport)).isNull();
		assertThat(this.listener.checks()).containsOnly("local:match:localhost").hasSize(3);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aRogueLeafStaysRefusedWhateverGenuineCertificatesFollowIt(Transport transport) throws Exception {
		X509Certificate intermediate = pki.intermediate().certificate();
		X509Certificate root = pki.root().certificate();
		List<ServerCertificates> attacks = List.of(TestPki.serving(pki.rogueLeaf(), intermediate, root),
				TestPki.serving(pki.rogueLeaf(), root, intermediate),
				TestPki.serving(pki.rogueLeaf(), intermediate, intermediate, root, root),
				TestPki.serving(pki.rogueLeaf(), pki.rogueRoot().certificate(), intermediate, root));
		for (ServerCertificates attack : attacks) {
			assertThat(Failures.isPinningFailure(handshake(pinning(), attack, transport))).isTrue();
		}
		assertThat(this.listener.violations()).hasSize(attacks.size())
			.allSatisfy((violation) -> assertThat(violation.validatedChain())
				.containsExactly(pki.rogueLeaf().certificate(), pki.rogueRoot().certificate()));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anOrdinaryCertificateOfThePinnedCaCannotSignForThePinnedHost(Transport transport) throws Exception {
		X509TrustManager trust = TestPki.trusting(pki.root(), pki.rogueRoot());
		// Served in an order that is not a chain of names from the leaf, so that the JDK builds
		// its own path (through the rogue CA); served as leaf, ordinary, intermediate, the JDK
		// validates that order as it is and refuses the ordinary certificate itself.
		int[][] orders = { { 2, 0, 1 }, { 2, 1, 0 }, { 1, 2, 0, 3 }, { 1, 0, 2 }, { 3, 1, 0, 2 }, { 0, 2, 1 } };
		for (HeldCertificate pinned : List.of(pki.intermediate(), pki.root())) {
			assertThat(handshake(pinning(trust, pinned, pki.rogueLeaf()), pki.genuineServer(), transport))
				.as("the genuine server with %s pinned", pinned.certificate().getSubjectX500Principal())
				.isNull();
			for (int[] order : orders) {
				ServerCertificates attack = pki.caSignerAttack(order);
				assertThat(handshake(trust, attack, transport)).as("PKIX alone accepts the attack").isNull();
				Throwable failure = handshake(pinning(trust, pinned, pki.rogueLeaf()), attack, transport);
				assertThat(Failures.isPinningFailure(failure)).as("attack in order %s with %s pinned: %s",
						Arrays.toString(order), pinned.certificate().getSubjectX500Principal(), failure)
					.isTrue();
			}
		}
		assertThat(this.listener.violations()).hasSize(2 * orders.length)
			.allSatisfy((violation) -> assertThat(violation.validatedChain()).doesNotContain(
					pki.intermediate().certificate(), pki.root().certificate(),
					pki.attackersOrdinary().certificate()));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aDelegateThatNamesNoTrustAnchorsLeavesOnlyTheLeafKeyToMatch(Transport transport) throws Exception {
		X509TrustManager trustAll = new TrustingEverything();
		assertThat(Failures.isPinningFailure(
				handshake(pinning(trustAll, pki.intermediate(), pki.root()), pki.caSignerAttackWithoutRogueCa(),
						transport)))
			.as("the ordinary certificate of the pinned CA signs the impostor")
			.isTrue();
		assertThat(Failures.isPinningFailure(
				handshake(pinning(trustAll, pki.intermediate(), pki.root()), pki.genuineServer(), transport)))
			.as("no anchor is known, so no CA pin can be validated, even for the genuine server")
			.isTrue();
		assertThat(handshake(pinning(trustAll, pki.leaf(), pki.root()), pki.genuineServer(), transport))
			.as("the leaf's own key matches")
			.isNull();
	}

	@Test
	void thePinnedLeafCertificateWithoutItsPrivateKeyIsRefused() throws Exception {
		// The attacker copies the pinned certificate but cannot sign with its key.
		HeldCertificate stolen = new HeldCertificate(pki.rogueLeaf().keyPair(), pki.leaf().certificate());
		Throwable failure = handshake(pinning(TestPki.trusting(pki.root(), pki.rogueRoot()), pki.leaf(), pki.root()),
				TestPki.serving(stolen, pki.intermediate().certificate()), Transport.SOCKET);
		assertThat(failure).as("handshake with a copied leaf").isNotNull();
		HeldCertificate intermediateAsLeaf = new HeldCertificate(pki.rogueLeaf().keyPair(),
				pki.intermediate().certificate());
		assertThat(handshake(pinning(), TestPki.serving(intermediateAsLeaf), Transport.SOCKET)).isNotNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aChainLongerThanAnyRealPathIsRefused(Transport transport) throws Exception {
		HeldCertificate issuer = pki.ca("Deep CA 0", pki.root(), 20);
		List<X509Certificate> chain = new ArrayList<>(List.of(issuer.certificate()));
		for (int i = 1; i < 14; i++) {
			issuer = pki.ca("Deep CA " + i, issuer, 20);
			chain.add(0, issuer.certificate());
		}
		HeldCertificate deepLeaf = pki.leaf(new String[] { "localhost" }, issuer);
		Throwable failure = handshake(pinning(), TestPki.serving(deepLeaf, chain.toArray(X509Certificate[]::new)),
				transport);
		assertThat(failure).isNotNull();
		assertThat(this.listener.checks()).doesNotContain("local:match:localhost");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void crossSignedIntermediatesMatchWhenAnyVerifiedPathCarriesThePin(Transport transport) throws Exception {
		HeldCertificate partnerRoot = pki.ca("Partner Root CA", null, 1);
		HeldCertificate viaGenuine = pki.ca("Cross-signed Intermediate", pki.root(), 0);
		HeldCertificate viaPartner = new HeldCertificate.Builder().keyPair(viaGenuine.keyPair())
			.commonName("Cross-signed Intermediate")
			.certificateAuthority(0)
			.signedBy(partnerRoot)
			.build();
		HeldCertificate leaf = pki.leaf(new String[] { "localhost" }, viaGenuine);
		X509TrustManager trust = TestPki.trusting(pki.root(), partnerRoot);
		ServerCertificates both = TestPki.serving(leaf, viaGenuine.certificate(), viaPartner.certificate());
		assertThat(handshake(pinning(trust, partnerRoot, pki.rogueRoot()), both, transport)).isNull();
		assertThat(handshake(pinning(trust, pki.root(), pki.rogueRoot()), both, transport)).isNull();
		ServerCertificates genuinePathOnly = TestPki.serving(leaf, viaGenuine.certificate());
		assertThat(Failures.isPinningFailure(
				handshake(pinning(trust, partnerRoot, pki.rogueRoot()), genuinePathOnly, transport)))
			.as("the partner path is not offered, so its pin cannot match")
			.isTrue();
		assertThat(Failures.isPinningFailure(handshake(pinning(trust, pki.rogueRoot(), pki.rogueLeaf()), both,
				transport))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aSelfSignedLeafThatTheTrustStoreTrustsDirectlyCanBePinned(Transport transport) throws Exception {
		HeldCertificate selfSigned = new HeldCertificate.Builder().commonName("localhost")
			.addSubjectAlternativeName("localhost")
			.build();
		X509TrustManager trust = TestPki.trusting(selfSigned);
		ServerCertificates served = TestPki.serving(selfSigned);
		assertThat(handshake(pinning(trust, selfSigned, pki.root()), served, transport)).isNull();
		assertThat(Failures.isPinningFailure(handshake(pinning(trust, pki.root(), pki.intermediate()), served,
				transport))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void pkixStillRefusesExpiredAndNotYetValidChainsWithAPinnedKey(Transport transport) throws Exception {
		long now = System.currentTimeMillis();
		long day = TimeUnit.DAYS.toMillis(1);
		HeldCertificate expired = new HeldCertificate.Builder().commonName("localhost")
			.addSubjectAlternativeName("localhost")
			.validityInterval(now - 10 * day, now - day)
			.signedBy(pki.intermediate())
			.build();
		HeldCertificate notYetValid = new HeldCertificate.Builder().commonName("localhost")
			.addSubjectAlternativeName("localhost")
			.validityInterval(now + day, now + 10 * day)
			.signedBy(pki.intermediate())
			.build();
		for (HeldCertificate leaf : List.of(expired, notYetValid)) {
			Throwable failure = handshake(pinning(TestPki.trusting(pki.root()), leaf, pki.intermediate()),
					TestPki.serving(leaf, pki.intermediate().certificate()), transport);
			assertThat(Failures.causes(failure)).as("failure of %s", leaf.certificate().getNotAfter())
				.anyMatch((cause) -> cause instanceof CertificateExpiredException
						|| cause instanceof CertificateNotYetValidException || cause instanceof CertPathBuilderException
						|| String.valueOf(cause.getMessage()).contains("validity"))
				.noneMatch(CertificatePinningException.class::isInstance);
		}
		assertThat(this.listener.checks()).isEmpty();
	}

}
