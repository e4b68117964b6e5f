package io.github.pinning;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

/**
 * Finds the certificates that pins may be matched against: the leaf, and every certificate on
 * a path from the leaf to a trust anchor that the JDK's PKIX validation accepts as a whole.
 * <p>
 * Candidate paths are found by following issuer names and signatures (both necessary for any
 * valid path) through the certificates the peer sent and the trust anchors; each candidate is
 * then judged as a whole by {@link PathValidation}, the JDK's own {@code CertPathValidator}.
 * Linking by signatures alone is not enough: an attacker holding an ordinary certificate from a
 * pinned CA could otherwise present it as the signer of a rogue leaf. Certificates the peer sent that lie on no accepted path are ignored, so a pinned
 * certificate appended to a rogue chain never matches (CVE-2016-2402). Where the delegate trust
 * manager names no anchors, no path can be accepted and only the leaf's own key matches.
 * <p>
 * The outcome for a served chain is kept in bounded memory, so that the same chain again costs
 * look-ups only; it is computed anew once a certificate on one of its paths expires or becomes
 * valid.
 */
public final class ChainCleaner {

	/** Longer than any real path; longer paths are not followed. */
	static final int MAX_LENGTH = 10;

	/** How many certificates one search may try to append, whatever the peer sent. */
	static final int MAX_SEARCH_STEPS = 2048;

	/** How many paths one search may hand to the JDK's validator, kept verdicts aside. */
	static final int MAX_VALIDATIONS = 64;

	static final int MAX_CACHED_CHAINS = 1024;

	private final X509Certificate[] trustAnchors;

	private final Clock clock;

	private final PathValidation validation;

	/** Built on first use: indexing anchors by subject loads the JDK's name normaliser. */
	private volatile @Nullable Anchors anchors;

	private final Map<ServedChain, Cleaned> cleanedChains = new ConcurrentHashMap<>();

	/**
	 * Creates a cleaner for the given trust anchors that validates paths at the system's time,
	 * as the JDK's trust managers do.
	 * @param trustAnchors the anchors, as the trust manager's {@code getAcceptedIssuers()}
	 * returns them
	 */
	public ChainCleaner(X509Certificate[] trustAnchors) {
		this(trustAnchors, Clock.systemUTC());
	}

	/**
	 * Creates a cleaner for the given trust anchors that validates paths at the given clock's
	 * time.
	 * @param trustAnchors the anchors, as the trust manager's {@code getAcceptedIssuers()}
	 * returns them
	 * @param clock the time at which paths are validated
	 */
	public ChainCleaner(X509Certificate[] trustAnchors, Clock clock) {
		this.trustAnchors = trustAnchors.clone();
		this.clock = clock;
		this.validation = new PathValidation();
	}

	private Anchors anchors() {
		Anchors anchors = this.anchors;
		if (anchors == null) {
			anchors = Anchors.of(this.trustAnchors);
			this.anchors = anchors;
		}
		return anchors;
	}

	/**
	 * Returns the validated chain and its pins for the certificates a peer sent. The same
	 * served chain again is answered from a bounded cache, keyed by the exact certificates, for
	 * as long as no certificate on its candidate paths changes between valid and not valid.
	 * @param served the chain as the peer sent it, leaf first
	 * @return the validated chain with the pin of each certificate, and the pins that may match
	 */
	ValidatedChain validate(X509Certificate[] served) {
		long now = this.clock.millis();
		Cleaned cleaned = this.cleanedChains.get(new ServedChain(served));
		if (cleaned == null || now >= cleaned.recheckAt() || now < cleaned.checkedAt()) {
			Search search = new Search(served, now);
			ValidatedChain chain = ValidatedChain.of(search.primary(), search.matchable(), search.complete());
			cleaned = new Cleaned(chain, now, search.recheckAt());
			if (this.cleanedChains.size() >= MAX_CACHED_CHAINS) {
				this.cleanedChains.clear();
			}
			this.cleanedChains.put(new ServedChain(served.clone()), cleaned);
		}
		return cleaned.chain();
	}

	/**
	 * Returns the validated chain for the certificates a peer sent, leaf first and ending
	 * with the trust anchor: the first path from the leaf to a trust anchor that PKIX accepts,
	 * trust anchors tried before served certificates. Where PKIX accepts no path (or no anchor
	 * is known), the leaf alone.
	 * @param served the chain as the peer sent it, leaf first
	 * @return the validated chain
	 */
	public List<X509Certificate> clean(X509Certificate[] served) {
		return new Search(served, this.clock.millis()).primary();
	}

	/**
	 * Returns how many served chains are cached, for tests of the memory bound.
	 */
	int cachedChains() {
		return this.cleanedChains.size();
	}

	/**
	 * Returns the path validation this cleaner uses, for tests of its cache.
	 */
	PathValidation pathValidation() {
		return this.validation;
	}

	/**
	 * A depth-first search, in bounded steps, of every path of issuer names from the leaf to a
	 * trust anchor, each judged by PKIX. A server may send cross-signed intermediates, so that
	 * several paths are accepted; each is as genuine as the others, and a pin on any of them
	 * counts.
	 */
	private final class Search {

		private final X509Certificate[] served;

		private final long now;

		private final Anchors anchors = anchors();

		private final List<X509Certificate> path = new ArrayList<>(4);

		/** Each certificate on an accepted path, with its least distance from the leaf. */
		private final Map<X509Certificate, Integer> onAcceptedPaths = new LinkedHashMap<>();

		private @Nullable List<X509Certificate> firstAccepted;

		private long recheckAt = Long.MAX_VALUE;

		private int steps;

		/** Each signature is verified at most once per search, however many paths share it. */
		private final Map<Link, Boolean> signatures = new HashMap<>();

		private final PathValidation.Budget budget = new PathValidation.Budget(MAX_VALIDATIONS);

		private boolean cut;

		Search(X509Certificate[] served, long now) {
			this.served = served;
			this.now = now;
			this.path.add(served[0]);
			this.onAcceptedPaths.put(served[0], 0);
			extend();
		}

		List<X509Certificate> primary() {
			return (this.firstAccepted != null) ? this.firstAccepted : List.of(this.served[0]);
		}

		/** The certificates on accepted paths, nearest the leaf (on any of them) first. */
		Collection<X509Certificate> matchable() {
			List<X509Certificate> matchable = new ArrayList<>(this.onAcceptedPaths.keySet());
			matchable.sort(Comparator.comparing(this.onAcceptedPaths::get));
			return matchable;
		}

		long recheckAt() {
			return this.recheckAt;
		}

		boolean complete() {
			return !this.cut;
		}

		private void extend() {
			if (this.path.size() >= MAX_LENGTH) {
				return;
			}
			X500Principal issuer = this.path.get(this.path.size() - 1).getIssuerX500Principal();
			List<X509Certificate> anchorsOfIssuer = this.anchors.bySubject().get(issuer);
			if (anchorsOfIssuer != null) {
				for (X509Certificate anchor : anchorsOfIssuer) {
					tryAppend(anchor);
				}
			}
			for (int i = 1; i < this.served.length; i++) {
				X509Certificate candidate = this.served[i];
				if (issuer.equals(candidate.getSubjectX500Principal()) && !isServedEarlier(i)
						&& !this.anchors.all().contains(candidate)) {
					tryAppend(candidate);
				}
			}
		}

		/** Served duplicates are one certificate: each is tried once. */
		private boolean isServedEarlier(int index) {
			for (int i = 1; i < index; i++) {
				if (this.served[i].equals(this.served[index])) {
					return true;
				}
			}
			return false;
		}

		private void tryAppend(X509Certificate candidate) {
			if (++this.steps > MAX_SEARCH_STEPS) {
				this.cut = true;
				return;
			}
			if (this.path.contains(candidate) || !isSignedBy(this.path.get(this.path.size() - 1), candidate)) {
				return;
			}
			if (this.anchors.all().contains(candidate)) {
				judge(candidate);
			}
			this.path.add(candidate);
			extend();
			this.path.remove(this.path.size() - 1);
		}

		private boolean isSignedBy(X509Certificate certificate, X509Certificate signer) {
			return this.signatures.computeIfAbsent(new Link(certificate, signer), Link::verify);
		}

		private void judge(X509Certificate anchor) {
			PathValidation.Verdict verdict = ChainCleaner.this.validation.validate(this.path, anchor, this.now,
					this.budget);
			if (verdict == null) {
				this.cut = true;
				return;
			}
			this.recheckAt = Math.min(this.recheckAt, verdict.changesAt(this.now));
			if (verdict.accepted(this.now)) {
				List<X509Certificate> accepted = new ArrayList<>(this.path.size() + 1);
				accepted.addAll(this.path);
				accepted.add(anchor);
				if (this.firstAccepted == null) {
					this.firstAccepted = List.copyOf(accepted);
				}
				for (int depth = 0; depth < accepted.size(); depth++) {
					this.onAcceptedPaths.merge(accepted.get(depth), depth, Math::min);
				}
			}
		}

	}

	/**
	 * A certificate and a possible signer, compared by their encoded forms.
	 */
	private record Link(X509Certificate certificate, X509Certificate signer) {

		boolean verify() {
			try {
				this.certificate.verify(this.signer.getPublicKey());
				return true;
			}
			catch (GeneralSecurityException | RuntimeException ex) {
				return false;
			}
		}

	}

	/**
	 * A cleaned chain, when it was computed, and when it must be computed again.
	 */
	private record Cleaned(ValidatedChain chain, long checkedAt, long recheckAt) {
	}

	/**
	 * The trust anchors, as a set and by subject.
	 */
	private record Anchors(Set<X509Certificate> all, Map<X500Principal, List<X509Certificate>> bySubject) {

		static Anchors of(X509Certificate[] trustAnchors) {
			Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
			Set<X509Certificate> all = new LinkedHashSet<>();
			for (X509Certificate anchor : trustAnchors) {
				if (all.add(anchor)) {
					bySubject.computeIfAbsent(anchor.getSubjectX500Principal(), (subject) -> new ArrayList<>(1))
						.add(anchor);
				}
			}
			return new Anchors(all, bySubject);
		}

	}

	/**
	 * A chain as served, compared certificate by certificate by their encoded forms.
	 */
	private static final class ServedChain {

		private final X509Certificate[] certificates;

		private final int hashCode;

		ServedChain(X509Certificate[] certificates) {
			this.certificates = certificates;
			this.hashCode = Arrays.hashCode(certificates);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ServedChain chain && Arrays.equals(this.certificates, chain.certificates);
		}

		@Override
		public int hashCode() {
			return this.hashCode;
		}

	}

}
