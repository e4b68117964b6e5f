package io.github.pinning.adversarial;

import java.math.BigInteger;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import okhttp3.tls.HeldCertificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A delegate built from PKIX parameters (here: revocation checking with a CRL) refuses paths
 * that default PKIX settings accept; the pin step judges the paths it matches pins on by the
 * same parameters, so a pin never counts on a path the delegate would refuse.
 * <p>
 * The attack: the genuine intermediate's key is compromised and the root revoked it. The
 * attacker signs a leaf for the pinned host with that key and serves it with the revoked
 * intermediate and with a certificate of the same name and key from a trusted rogue CA. The
 * delegate accepts the path through the rogue CA only; judged without revocation, the path
 * through the revoked intermediate to the pinned root would match the pin.
 */
class DelegateRulesTests {

	private static final TestPki pki = TestPki.generate(TestPki.KeyType.EC, "localhost");

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aPinOnAPathThroughARevokedIntermediateDoesNotCount(Transport transport) throws Exception {
		HeldCertificate rogueRoot = new HeldCertificate.Builder().ecdsa256()
			.commonName("Rogue Root CA")
			.certificateAuthority(1)
			.build();
		HeldCertificate revoked = pki.intermediate();
		HeldCertificate crossSigned = new HeldCertificate.Builder().keyPair(revoked.keyPair())
			.commonName("Genuine Intermediate CA")
			.certificateAuthority(0)
			.signedBy(rogueRoot)
			.build();
		HeldCertificate leaf = new HeldCertificate.Builder().ecdsa256()
			.commonName("localhost")
			.addSubjectAlternativeName("localhost")
			.signedBy(revoked)
			.build();
		PKIXBuilderParameters parameters = new PKIXBuilderParameters(
				Set.of(new TrustAnchor(pki.root().certificate(), null),
						new TrustAnchor(rogueRoot.certificate(), null)),
				new X509CertSelector());
		parameters.addCertStore(CertStore.getInstance("Collection",
				new CollectionCertStoreParameters(List.of(revocationList(pki.root(), revoked)))));
		PKIXRevocationChecker crls = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX")
			.getRevocationChecker();
		crls.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
				PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.SOFT_FAIL));
		parameters.addCertPathChecker(crls);
		TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
		factory.init(new CertPathTrustManagerParameters(parameters));
		X509TrustManager delegate = (X509TrustManager) factory.getTrustManagers()[0];
		assertThat(catchThrowable(() -> delegate.checkServerTrusted(
				new X509Certificate[] { leaf.certificate(), revoked.certificate() }, "ECDHE_ECDSA")))
			.as("the delegate refuses the path through the revoked intermediate")
			.isNotNull();
		RecordingListener listener = new RecordingListener();
		PinSet pinSet = PinSet.of("local", List.of("localhost"), TestPki.pins(pki.root()));
		PinningTrustManager trustManager = new PinningTrustManager(delegate, parameters,
				LivePinningPolicy.of(PinningPolicy.of(pinSet)), listener, Clock.systemUTC());
		try (TlsServer attacker = TlsServer.start(TestPki.serving(leaf, revoked.certificate(),
				crossSigned.certificate()), "attacker")) {
			Throwable failure = catchThrowable(
					() -> Handshakes.connect(transport, trustManager, "localhost", attacker.port(), "TLSv1.3"));
			assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
			assertThat(listener.checks()).containsExactly("local:violation:localhost");
		}
	}

	private static X509CRL revocationList(HeldCertificate issuer, HeldCertificate revoked) throws Exception {
		Date now = new Date();
		X509v2CRLBuilder builder = new X509v2CRLBuilder(
				X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), now);
		builder.setNextUpdate(new Date(now.getTime() + 86_400_000L));
		BigInteger serial = revoked.certificate().getSerialNumber();
		builder.addCRLEntry(serial, now, CRLReason.keyCompromise);
		return new JcaX509CRLConverter()
			.getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keyPair().getPrivate())));
	}

}
