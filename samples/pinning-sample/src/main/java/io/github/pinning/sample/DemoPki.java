package io.github.pinning.sample;

import java.util.concurrent.TimeUnit;

import io.github.pinning.Pin;
import okhttp3.tls.HeldCertificate;

/**
 * The keys and certificates of the demo, generated at start-up: a bank whose issuing CA chains
 * to a trusted root, and a corporate proxy CA that the client trusts as well, as a compromised
 * or intercepting CA would be.
 */
final class DemoPki {

	final HeldCertificate root = ca("Demo Root CA", null, 1);

	final HeldCertificate issuing = ca("Demo Issuing CA", this.root, 0);

	final HeldCertificate proxyCa = ca("Corporate Proxy CA", null, 0);

	/**
	 * The key the bank serves today, on a certificate that expires in 20 days: if the bank
	 * renews it with a key that is not pinned, clients are locked out, which the lockout
	 * forecast warns of.
	 */
	final HeldCertificate bankCurrent = leaf("api.bank.localhost", this.issuing, 20);

	/** The backup key, already pinned, now deployed after a rotation on a certificate for 400 days. */
	final HeldCertificate bankRotated = leaf("rotated.bank.localhost", this.issuing, 400);

	/** What an intercepting proxy serves for the bank. */
	final HeldCertificate impostor = leaf("impostor.bank.localhost", this.proxyCa);

	/** The partner's new key, which its report-only pin set does not hold yet. */
	final HeldCertificate partnerNew = leaf("partner.localhost", this.issuing);

	/** The partner key that is pinned. */
	final HeldCertificate partnerPinned = new HeldCertificate.Builder().commonName("partner.localhost (old key)")
		.build();

	private static HeldCertificate ca(String name, HeldCertificate issuer, int maxIntermediates) {
		HeldCertificate.Builder builder = new HeldCertificate.Builder().commonName(name)
			.certificateAuthority(maxIntermediates);
		return ((issuer != null) ? builder.signedBy(issuer) : builder).build();
	}

	private static HeldCertificate leaf(String host, HeldCertificate issuer) {
		return leaf(host, issuer, 1);
	}

	private static HeldCertificate leaf(String host, HeldCertificate issuer, long days) {
		return new HeldCertificate.Builder().commonName(host)
			.addSubjectAlternativeName(host)
			.duration(days, TimeUnit.DAYS)
			.signedBy(issuer)
			.build();
	}

	static String pin(HeldCertificate certificate) {
		return Pin.of(certificate.certificate()).toString();
	}

}
