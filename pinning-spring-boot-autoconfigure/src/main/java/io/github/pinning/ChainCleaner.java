package io.github.pinning;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

/**
 * Builds the chain that pins are matched against: from the leaf, each certificate followed by
 * the one whose key verifiably signed it, preferring a trust anchor, until a trust anchor is
 * reached. Certificates the peer sent that do not lie on that path are ignored, so an attacker
 * cannot make a pin match by appending a pinned certificate to a rogue chain (CVE-2016-2402).
 * <p>
 * Each signature is verified once: the outcome is kept per pair of encoded certificates, in
 * bounded memory, so the same chain again costs look-ups only.
 */
public final class ChainCleaner {

	/** Longer than any real path; a longer chain is cut here. */
	static final int MAX_LENGTH = 10;

	/** How many paths one search may extend, whatever the peer sent. */
	static final int MAX_SEARCH_STEPS = 64;

	static final int MAX_CACHED_SIGNATURES = 4096;

	static final int MAX_CACHED_CHAINS = 1024;

	private final X509Certificate[] trustAnchors;

	/** Built on first use: indexing anchors by subject loads the JDK's name normaliser. */
	private volatile @Nullable Anchors anchors;

	private final Map<Link, Boolean> verifiedLinks = new ConcurrentHashMap<>();

	private final Map<ServedChain, ValidatedChain> validatedChains = new ConcurrentHashMap<>();

	private final LongAdder verifications = new LongAdder();

	/**
	 * Creates a cleaner for the given trust anchors.
	 * @param trustAnchors the anchors, as the trust manager's {@code getAcceptedIssuers()}
	 * returns them
	 */
	public ChainCleaner(X509Certificate[] trustAnchors) {
		this.trustAnchors = trustAnchors.clone();
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
	 * served chain again is answered from a bounded cache, keyed by the exact certificates.
	 * @param served the chain as the peer sent it, leaf first
	 * @return the validated chain with the pin of each certificate, and the pins of every
	 * certificate on any verified path from the leaf to a trust anchor
	 */
	ValidatedChain validate(X509Certificate[] served) {
		ValidatedChain validated = this.validatedChains.get(new ServedChain(served));
		if (validated == null) {
			Search search = new Search(served);
			validated = ValidatedChain.of(search.primary(), search.onAnyPath());
			if (this.validatedChains.size() >= MAX_CACHED_CHAINS) {
				this.validatedChains.clear();
			}
			this.validatedChains.put(new ServedChain(served.clone()), validated);
		}
		return validated;
	}

	/**
	 * Returns the validated chain for the certificates a peer sent, leaf first: the first path
	 * found from the leaf to a trust anchor, each link's signature verified, trust anchors tried
	 * before served certificates. Where no path reaches a known anchor (a trust manager that
	 * names none), the longest verified path from the leaf.
	 * @param served the chain as the peer sent it, leaf first
	 * @return the validated chain
	 */
	public List<X509Certificate> clean(X509Certificate[] served) {
		return new Search(served).primary();
	}

	/**
	 * A depth-first search of every verified path from the leaf, in bounded steps. A server
	 * may send cross-signed intermediates, so that several paths reach an anchor; each of them
	 * is as genuine as the others, and a pin on any of them proves the same thing: the pinned
	 * key signed the path to the leaf.
	 */
	private final class Search {

		private final X509Certificate[] served;

		private final Anchors anchors = anchors();

		private final boolean[] used;

		private final List<X509Certificate> path = new ArrayList<>(4);

		private final Set<X509Certificate> onAnchoredPaths = new LinkedHashSet<>();

		private @Nullable List<X509Certificate> firstAnchored;

		private List<X509Certificate> longest = List.of();

		private int steps;

		Search(X509Certificate[] served) {
			this.served = served;
			this.used = new boolean[served.length];
			this.used[0] = true;
			this.path.add(served[0]);
			extend();
		}

		List<X509Certificate> primary() {
			return (this.firstAnchored != null) ? this.firstAnchored : this.longest;
		}

		Collection<X509Certificate> onAnyPath() {
			return (this.firstAnchored != null) ? this.onAnchoredPaths : this.longest;
		}

		private void extend() {
			if (++this.steps > MAX_SEARCH_STEPS) {
				return;
			}
			X509Certificate current = this.path.get(this.path.size() - 1);
			if (this.anchors.all().contains(current)) {
				anchored();
				return;
			}
			if (this.path.size() >= MAX_LENGTH) {
				linked();
				return;
			}
			boolean extended = false;
			List<X509Certificate> candidates = this.anchors.bySubject().get(current.getIssuerX500Principal());
			if (candidates != null) {
				for (X509Certificate anchor : candidates) {
					if (!this.path.contains(anchor) && isSignedBy(current, anchor)) {
						this.path.add(anchor);
						anchored();
						this.path.remove(this.path.size() - 1);
						extended = true;
					}
				}
			}
			X500Principal issuer = current.getIssuerX500Principal();
			for (int i = 1; i < this.served.length; i++) {
				X509Certificate candidate = this.served[i];
				if (!this.used[i] && issuer.equals(candidate.getSubjectX500Principal())
						&& !this.path.contains(candidate) && isSignedBy(current, candidate)) {
					this.used[i] = true;
					this.path.add(candidate);
					extend();
					this.path.remove(this.path.size() - 1);
					this.used[i] = false;
					extended = true;
				}
			}
			if (!extended) {
				linked();
			}
		}

		private void anchored() {
			if (this.firstAnchored == null) {
				this.firstAnchored = List.copyOf(this.path);
			}
			this.onAnchoredPaths.addAll(this.path);
		}

		private void linked() {
			if (this.path.size() > this.longest.size()) {
				this.longest = List.copyOf(this.path);
			}
		}

	}

	private boolean isSignedBy(X509Certificate certificate, X509Certificate signer) {
		Link link = new Link(certificate, signer);
		Boolean verified = this.verifiedLinks.get(link);
		if (verified == null) {
			verified = verify(certificate, signer);
			if (this.verifiedLinks.size() >= MAX_CACHED_SIGNATURES) {
				this.verifiedLinks.clear();
			}
			this.verifiedLinks.put(link, verified);
		}
		return verified;
	}

	/**
	 * Returns how many served chains and signature outcomes are cached, for tests of the
	 * memory bound.
	 */
	int[] cacheSizes() {
		return new int[] { this.validatedChains.size(), this.verifiedLinks.size() };
	}

	/**
	 * Returns how many signatures this cleaner has verified (cache hits not counted).
	 * @return the count
	 */
	long signatureVerifications() {
		return this.verifications.sum();
	}

	private boolean verify(X509Certificate certificate, X509Certificate signer) {
		this.verifications.increment();
		try {
			certificate.verify(signer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The trust anchors, as a set and by subject.
	 */
	private record Anchors(Set<X509Certificate> all, Map<X500Principal, List<X509Certificate>> bySubject) {

		static Anchors of(X509Certificate[] trustAnchors) {
			Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
			for (X509Certificate anchor : trustAnchors) {
				bySubject.computeIfAbsent(anchor.getSubjectX500Principal(), (subject) -> new ArrayList<>(1))
					.add(anchor);
			}
			return new Anchors(new HashSet<>(List.of(trustAnchors)), bySubject);
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

	/**
	 * A certificate and a possible signer, compared by their encoded forms.
	 */
	private record Link(X509Certificate certificate, X509Certificate signer) {
	}

}
