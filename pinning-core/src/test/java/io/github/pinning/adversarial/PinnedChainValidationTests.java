package io.github.pinning.adversarial;

import java.time.Clock;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

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
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The chain-validation attacks that OkHttp's certificate pinner is tested against, each as a
 * real handshake: pins on a root that the server does not send and on a sent intermediate
 * match (and match again from the cache); a pinned leaf or intermediate appended to a rogue
 * chain does not; a signer without the CA bit, or with more intermediates below it than its
 * issuer allows, never carries a pin, whether the JDK or the pin step refuses first.
 */
class PinnedChainValidationTests {

	private final RecordingListener listener = new RecordingListener();

	private static HeldCertificate ca(String name, HeldCertificate issuer, int maxIntermediates) {
		HeldCertificate.Builder builder = new HeldCertificate.Builder().commonName(name)
			.certificateAuthority(maxIntermediates);
		return ((issuer != null) ? builder.signedBy(issuer) : builder).build();
	}

	private static HeldCertificate leaf(String name, HeldCertificate issuer) {
		return new HeldCertificate.Builder().commonName(name).addSubjectAlternativeName("localhost").signedBy(issuer).build();
	}

	private PinningTrustManager pinning(X509TrustManager trust, HeldCertificate... pinned) {
		return new PinningTrustManager(trust, PinningPolicy.of(PinSet.of("local", List.of("localhost"), TestPki.pins(pinned))),
				this.listener, Clock.systemUTC());
	}

	private static Throwable connect(SSLContext client, ServerCertificates served, Transport transport)
			throws Exception {
		try (TlsServer server = TlsServer.start(served, "served")) {
			return catchThrowable(() -> Handshakes.connect(transport, client, "localhost", server.port(), "TLSv1.3"));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aPinnedRootNotSentOrAPinnedIntermediateSentMatchesAgainAndAgain(Transport transport) throws Exception {
		HeldCertificate root = ca("root", null, 1);
		HeldCertificate intermediate = ca("intermediate_ca", root, 0);
		HeldCertificate certificate = leaf("localhost", intermediate);
		ServerCertificates served = new ServerCertificates(certificate, intermediate.certificate());
		for (HeldCertificate pinned : List.of(root, intermediate)) {
			SSLContext client = Handshakes.sslContext(pinning(TestPki.trusting(root), pinned));
			assertThat(connect(client, served, transport)).isNull();
			assertThat(connect(client, served, transport)).isNull();
		}
		assertThat(this.listener.checks()).hasSize(4).containsOnly("local:match:localhost");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anUnrelatedPinnedLeafAppendedToARogueChainDoesNotMatch(Transport transport) throws Exception {
		HeldCertificate root = ca("root", null, 1);
		HeldCertificate goodIntermediate = ca("good_intermediate_ca", root, 0);
		HeldCertificate goodCertificate = leaf("localhost", goodIntermediate);
		HeldCertificate rogueIntermediate = ca("rogue_intermediate_ca", root, 0);
		HeldCertificate rogueCertificate = leaf("localhost", rogueIntermediate);
		SSLContext client = Handshakes.sslContext(pinning(TestPki.trusting(root), goodCertificate));
		Throwable failure = connect(client, new ServerCertificates(rogueCertificate, rogueIntermediate.certificate(),
				goodCertificate.certificate()), transport);
		assertThat(Failures.isPinningFailure(failure)).as("%s", failure).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anUnrelatedPinnedIntermediateAppendedToARogueChainDoesNotMatch(Transport transport) throws Exception {
		HeldCertificate goodRoot = ca("good_ca", null, 1);
		HeldCertificate compromisedRoot = ca("compromised_ca", null, 1);
		HeldCertificate goodIntermediate = ca("intermediate_ca", goodRoot, 0);
		// The compromised root issues an intermediate with the good one's name.
		HeldCertificate rogueIntermediate = ca("intermediate_ca", compromisedRoot, 0);
		HeldCertificate rogueCertificate = leaf("localhost", rogueIntermediate);
		SSLContext client = Handshakes.sslContext(pinning(TestPki.trusting(goodRoot, compromisedRoot), goodIntermediate));
		Throwable failure = connect(client, new ServerCertificates(rogueCertificate, rogueIntermediate.certificate(),
				goodIntermediate.certificate()), transport);
		assertThat(failure).isNotNull();
		assertThat(this.listener.checks()).doesNotContain("local:match:localhost");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aSignerWithoutTheCaBitNeverCarriesAPin(Transport transport) throws Exception {
		HeldCertificate attackerCa = ca("attacker ca", null, 4);
		HeldCertificate attackerIntermediate = ca("attacker", attackerCa, 3);
		HeldCertificate pinnedRoot = ca("pinned root", attackerIntermediate, 2);
		HeldCertificate pinnedIntermediate = ca("pinned intermediate", pinnedRoot, 1);
		// The same key as the attacker's intermediate, certified by the pinned CA as a mere leaf.
		HeldCertificate attackerSwitch = new HeldCertificate.Builder().keyPair(attackerIntermediate.keyPair())
			.commonName("attacker")
			.addSubjectAlternativeName("attacker.com")
			.signedBy(pinnedIntermediate)
			.build();
		HeldCertificate phonyVictim = leaf("victim", attackerSwitch);
		SSLContext client = Handshakes
			.sslContext(pinning(TestPki.trusting(pinnedRoot, attackerCa), pinnedRoot, pinnedIntermediate));
		for (ServerCertificates served : List.of(
				new ServerCertificates(phonyVictim, attackerSwitch.certificate(), pinnedIntermediate.certificate(),
						pinnedRoot.certificate(), attackerIntermediate.certificate()),
				new ServerCertificates(phonyVictim, attackerIntermediate.certificate(), attackerSwitch.certificate(),
						pinnedIntermediate.certificate()))) {
			assertThat(connect(client, served, transport)).isNotNull();
		}
		assertThat(this.listener.checks()).doesNotContain("local:match:localhost");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anIntermediateWithMoreIntermediatesThanItsSignerAllowsNeverCarriesAPin(Transport transport)
			throws Exception {
		HeldCertificate attackerCa = ca("attacker ca", null, 2);
		HeldCertificate pinnedRoot = ca("pinned root", attackerCa, 1);
		HeldCertificate compromisedIntermediate = ca("compromised intermediate", pinnedRoot, 0);
		HeldCertificate attackerIntermediate = new HeldCertificate.Builder().keyPair(attackerCa.keyPair())
			.commonName("attacker intermediate")
			.certificateAuthority(0)
			.signedBy(compromisedIntermediate)
			.build();
		HeldCertificate phonyVictim = leaf("victim", attackerIntermediate);
		SSLContext client = Handshakes.sslContext(pinning(TestPki.trusting(pinnedRoot, attackerCa), pinnedRoot));
		assertThat(connect(client, new ServerCertificates(phonyVictim, attackerIntermediate.certificate(),
				compromisedIntermediate.certificate(), pinnedRoot.certificate()), transport))
			.isNotNull();
		assertThat(this.listener.checks()).doesNotContain("local:match:localhost");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aLonePinnedSelfSignedCertificateMatches(Transport transport) throws Exception {
		HeldCertificate only = new HeldCertificate.Builder().commonName("root")
			.addSubjectAlternativeName("localhost")
			.build();
		SSLContext client = Handshakes.sslContext(pinning(TestPki.trusting(only), only));
		assertThat(connect(client, new ServerCertificates(only), transport)).isNull();
		assertThat(this.listener.checks()).containsExactly("local:match:localhost");
	}

}
