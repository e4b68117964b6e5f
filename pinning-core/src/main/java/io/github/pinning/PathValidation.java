package io.github.pinning;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Judges one path from a leaf to a trust anchor with the JDK's own PKIX validator
 * ({@code CertPathValidator} "PKIX"): signatures, CA basic constraints, path length, key usage,
 * validity, name constraints and algorithm constraints, exactly as the JDK checks them, under
 * the rules of the delegate trust manager: the PKIX parameters it was built from, where known
 * (revocation checkers and their certificate stores, policies, a fixed date), else the JDK's
 * default trust manager's (revocation checked only where {@code com.sun.net.ssl.checkRevocation}
 * is {@code true}). Pinning does not re-implement any of these rules.
 * <p>
 * Without revocation, a verdict depends on the time only through the validity of the path's
 * certificates, so it is kept, in bounded memory, for the window in which all of them are
 * valid; outside that window the path is refused without asking the validator. A kept
 * "accepted" therefore never outlives the earliest {@code notAfter} on its path. With
 * revocation, a verdict is kept for {@value #REVOCATION_RECHECK_MILLIS} ms at most.
 */
final class PathValidation {

	static final int MAX_CACHED_PATHS = 4096;

	/** How long a verdict that checked revocation is kept. */
	static final long REVOCATION_RECHECK_MILLIS = 60_000;

	private static final boolean JDK_DEFAULT_REVOCATION = Boolean.getBoolean("com.sun.net.ssl.checkRevocation");

	private final @Nullable PKIXParameters rules;

	private final boolean revocation;

	private final Map<Path, Verdict> verdicts = new ConcurrentHashMap<>();

	private final LongAdder validations = new LongAdder();

	private final LongAdder signatureVerifications = new LongAdder();

	/**
	 * Creates a validation under the JDK's default trust manager's rules.
	 */
	PathValidation() {
		this(null);
	}

	/**
	 * Creates a validation under the rules of a delegate built from PKIX parameters.
	 * @param rules the parameters the delegate was built from, or {@code null} for the JDK's
	 * default trust manager's rules; their trust anchors are replaced by the anchor of each path
	 * judged (with its name constraints where the parameters give them)
	 */
	PathValidation(@Nullable PKIXParameters rules) {
		this.rules = (rules != null) ? (PKIXParameters) rules.clone() : null;
		this.revocation = (rules != null) ? rules.isRevocationEnabled() : JDK_DEFAULT_REVOCATION;
	}

	/**
	 * Returns the verdict on a path at a time.
	 * @param certificates the path without its anchor, leaf first, each issued by the next
	 * @param anchor the trust anchor that issued the last certificate
	 * @param now the time of validation, in milliseconds since the epoch
	 * @param budget what the caller may still spend: the validator verifies one signature for
	 * each certificate of the path
	 * @return the verdict, valid for the window in which every certificate of the path is, or
	 * {@code null} if the path needs the validator and the budget does not allow it
	 */
	@Nullable Verdict validate(List<X509Certificate> certificates, X509Certificate anchor, long now, Budget budget) {
		PKIXParameters rules = this.rules;
		if (rules != null && rules.getDate() != null) {
			now = rules.getDate().getTime();
		}
		long from = Long.MIN_VALUE;
		long until = Long.MAX_VALUE;
		for (X509Certificate certificate : certificates) {
			from = Math.max(from, certificate.getNotBefore().getTime());
			until = Math.min(until, certificate.getNotAfter().getTime());
		}
		if (now < from || now > until) {
			return new Verdict(false, from, until);
		}
		Path path = new Path(List.copyOf(certificates), anchor);
		Verdict verdict = this.verdicts.get(path);
		if (verdict == null || now > verdict.validUntil()) {
			if (!budget.spend(certificates.size())) {
				return null;
			}
			long keptUntil = this.revocation ? Math.min(until, now + REVOCATION_RECHECK_MILLIS) : until;
			verdict = new Verdict(accepts(path, now), from, keptUntil);
			if (this.verdicts.size() >= MAX_CACHED_PATHS) {
				this.verdicts.clear();
			}
			this.verdicts.put(path, verdict);
		}
		return verdict;
	}

	private boolean accepts(Path path, long now) {
		this.validations.increment();
		this.signatureVerifications.add(path.certificates().size());
		try {
			PKIXParameters parameters = parameters(path.anchor(), now);
			CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path.certificates());
			CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	private PKIXParameters parameters(X509Certificate anchor, long now) throws GeneralSecurityException {
		PKIXParameters rules = this.rules;
		PKIXParameters parameters = new PKIXParameters(Set.of(anchorOf(anchor, rules)));
		parameters.setDate(new Date(now));
		parameters.setRevocationEnabled(this.revocation);
		if (rules != null) {
			parameters.setCertPathCheckers(rules.getCertPathCheckers());
			parameters.setCertStores(rules.getCertStores());
			parameters.setInitialPolicies(rules.getInitialPolicies());
			parameters.setExplicitPolicyRequired(rules.isExplicitPolicyRequired());
			parameters.setAnyPolicyInhibited(rules.isAnyPolicyInhibited());
			parameters.setPolicyMappingInhibited(rules.isPolicyMappingInhibited());
			parameters.setPolicyQualifiersRejected(rules.getPolicyQualifiersRejected());
			parameters.setSigProvider(rules.getSigProvider());
		}
		return parameters;
	}

	private static TrustAnchor anchorOf(X509Certificate certificate, @Nullable PKIXParameters rules) {
		if (rules != null) {
			for (TrustAnchor anchor : rules.getTrustAnchors()) {
				if (certificate.equals(anchor.getTrustedCert())) {
					return anchor;
				}
			}
		}
		return new TrustAnchor(certificate, null);
	}

	/**
	 * Returns how many paths the JDK's validator has judged (kept verdicts not counted).
	 */
	long validations() {
		return this.validations.sum();
	}

	/**
	 * Returns how many signatures the JDK's validator was asked to verify: one per certificate
	 * of each path it judged, its anchor aside.
	 */
	long signatureVerifications() {
		return this.signatureVerifications.sum();
	}

	/**
	 * Returns how many verdicts are kept, for tests of the memory bound.
	 */
	int cachedVerdicts() {
		return this.verdicts.size();
	}

	/**
	 * How many signature verifications a search may still make.
	 */
	@FunctionalInterface
	interface Budget {

		/**
		 * Spends signature verifications, if enough are left.
		 * @param signatures how many
		 * @return whether they were left, and are now spent
		 */
		boolean spend(int signatures);

	}

	/**
	 * The validator's verdict on a path while all of its certificates are valid.
	 *
	 * @param acceptedWhileValid whether PKIX accepts the path inside the window
	 * @param validFrom the latest {@code notBefore} of the path, in epoch millis
	 * @param validUntil the earliest {@code notAfter} of the path, in epoch millis, inclusive
	 */
	record Verdict(boolean acceptedWhileValid, long validFrom, long validUntil) {

		boolean accepted(long now) {
			return this.acceptedWhileValid && now >= this.validFrom && now <= this.validUntil;
		}

		/**
		 * Returns the next time at which the verdict may change.
		 */
		long changesAt(long now) {
			if (now < this.validFrom) {
				return this.validFrom;
			}
			return (now <= this.validUntil && this.validUntil < Long.MAX_VALUE) ? this.validUntil + 1 : Long.MAX_VALUE;
		}

	}

	/**
	 * A path and its anchor, compared by the certificates' encoded forms.
	 */
	private record Path(List<X509Certificate> certificates, X509Certificate anchor) {
	}

}
