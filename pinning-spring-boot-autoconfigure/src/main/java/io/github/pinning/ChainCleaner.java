package io.github.pinning;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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

	private static final int MAX_CACHED_SIGNATURES = 4096;

	private static final int MAX_CACHED_CHAINS = 1024;

	private final Set<X509Certificate> anchors;

	private final Map<X500Principal, List<X509Certificate>> anchorsBySubject;

	private final Map<Link, Boolean> verifiedLinks = new ConcurrentHashMap<>();

	private final Map<ServedChain, ValidatedChain> validatedChains = new ConcurrentHashMap<>();

	private final LongAdder verifications = new LongAdder();

	/**
	 * Creates a cleaner for the given trust anchors.
	 * @param trustAnchors the anchors, as the trust manager's {@code getAcceptedIssuers()}
	 * returns them
	 */
	public ChainCleaner(X509Certificate[] trustAnchors) {
		this.anchors = new HashSet<>(List.of(trustAnchors));
		Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
		for (X509Certificate anchor : trustAnchors) {
			bySubject.computeIfAbsent(anchor.getSubjectX500Principal(), (subject) -> new ArrayList<>(1)).add(anchor);
		}
		this.anchorsBySubject = bySubject;
	}

	/**
	 * Returns the validated chain and its pins for the certificates a peer sent. The same
	 * served chain again is answered from a bounded cache, keyed by the exact certificates.
	 * @param served the chain as the peer sent it, leaf first
	 * @return the validated chain with the pin of each certificate
	 */
	ValidatedChain validate(X509Certificate[] served) {
		ValidatedChain validated = this.validatedChains.get(new ServedChain(served));
		if (validated == null) {
			validated = ValidatedChain.of(clean(served));
			if (this.validatedChains.size() >= MAX_CACHED_CHAINS) {
				this.validatedChains.clear();
			}
			this.validatedChains.put(new ServedChain(served.clone()), validated);
		}
		return validated;
	}

	/**
	 * Returns the validated chain for the certificates a peer sent, leaf first.
	 * @param served the chain as the peer sent it, leaf first
	 * @return the leaf and each verified signer after it, ending at a trust anchor where one
	 * is reached
	 */
	public List<X509Certificate> clean(X509Certificate[] served) {
		List<X509Certificate> path = new ArrayList<>(4);
		X509Certificate current = served[0];
		path.add(current);
		boolean[] used = new boolean[served.length];
		used[0] = true;
		while (path.size() < MAX_LENGTH && !this.anchors.contains(current)) {
			X509Certificate signer = anchorThatSigned(current);
			if (signer != null) {
				path.add(signer);
				return path;
			}
			int next = servedCertificateThatSigned(current, served, used);
			if (next < 0) {
				return path;
			}
			used[next] = true;
			current = served[next];
			path.add(current);
		}
		return path;
	}

	private @Nullable X509Certificate anchorThatSigned(X509Certificate certificate) {
		List<X509Certificate> candidates = this.anchorsBySubject.get(certificate.getIssuerX500Principal());
		if (candidates != null) {
			for (X509Certificate candidate : candidates) {
				if (isSignedBy(certificate, candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	private int servedCertificateThatSigned(X509Certificate certificate, X509Certificate[] served, boolean[] used) {
		X500Principal issuer = certificate.getIssuerX500Principal();
		for (int i = 1; i < served.length; i++) {
			if (!used[i] && issuer.equals(served[i].getSubjectX500Principal()) && isSignedBy(certificate, served[i])) {
				return i;
			}
		}
		return -1;
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
