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
 * ({@code CertPathValidator} "PKIX", revocation off): signatures, CA basic constraints, path
 * length, key usage, validity, name constraints and algorithm constraints, exactly as the JDK
 * checks them. Pinning does not re-implement any of these rules.
 * <p>
 * A verdict depends on the time only through the validity of the path's certificates, so it is
 * kept, in bounded memory, for the window in which all of them are valid; outside that window
 * the path is refused without asking the validator. A kept "accepted" therefore never outlives
 * the earliest {@code notAfter} on its path.
 */
final class PathValidation {

	static final int MAX_CACHED_PATHS = 4096;

	private final Map<Path, Verdict> verdicts = new ConcurrentHashMap<>();

	private final LongAdder validations = new LongAdder();

	private final LongAdder signatureVerifications = new LongAdder();

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
		if (verdict == null) {
			if (!budget.spend(certificates.size())) {
				return null;
			}
			verdict = new Verdict(accepts(path, now), from, until);
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
			PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(path.anchor(), null)));
			parameters.setRevocationEnabled(false);
			parameters.setDate(new Date(now));
			CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path.certificates());
			CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
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
