package io.github.pinning;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

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
 * pinned CA could otherwise present it as the signer of a rogue leaf. Certificates the peer sent
 * that lie on no accepted path are ignored, so a pinned certificate appended to a rogue chain
 * never matches (CVE-2016-2402). Where the delegate trust manager names no anchors, no path can
 * be accepted and only the leaf's own key matches.
 * <p>
 * <b>Cost.</b> A peer chooses what it sends, and needs no private key to send a pinned host's
 * genuine chain followed by junk. So the search is bounded by what it verifies, not by what it
 * is sent: shorter paths are tried before longer ones, trust anchors before served
 * certificates, and signers whose key identifier the certificate names before others; a search
 * stops at the first path that settles the question (the first accepted path, or the first that
 * holds a pin of the set being checked); a search for a pin tries, until its path holds one,
 * only certificates that the pinned keys reach down to by verified links, found from the pins
 * before anything is tried from the leaf up; a key is verified against at most
 * {@value #MAX_FAILURES_PER_SIGNER} certificates it turns out not to have signed, so that the
 * signatures a peer forges in a CA's name cost that many verifications, however many it sends;
 * each signature verdict is kept by certificate and signer key, so that it is verified once; a
 * check verifies at most
 * {@link #signatureBudget(int) 2 n + 4} signatures for a served chain of n certificates (n at
 * most {@value #MAX_LENGTH}), the JDK's validator included; and a served certificate whose RSA
 * public exponent is longer than {@value #MAX_RSA_EXPONENT_BITS} bits is never tried as a signer.
 * A search cut short by these bounds finds fewer pins, never more: it fails closed, and says why.
 * <p>
 * The outcome for a served chain (of at most {@value #MAX_CACHED_CHAIN_LENGTH} certificates) is
 * kept in bounded memory, so that the same chain again costs look-ups only; it is computed anew
 * once a certificate on one of its paths expires or becomes valid.
 */
public final class ChainCleaner {

	/** Longer than any real path; longer paths are not followed. */
	static final int MAX_LENGTH = 10;

	/** How many certificates one search may try to append, verified before or not. */
	static final int MAX_SEARCH_STEPS = 2048;

	/**
	 * The longest RSA public exponent a served signer may have: the JDK's own limit for moduli
	 * over 3072 bits. Real CAs use 65537 (17 bits); a verification costs in proportion to the
	 * exponent's length, and one as long as an RSA-3072 modulus costs 40 times the usual.
	 */
	static final int MAX_RSA_EXPONENT_BITS = 64;

	/**
	 * How many certificates named as issued by one key a search verifies and finds not signed
	 * by it before it tries that key no more: a genuine chain rarely holds even one (a CA that
	 * changed its key and kept its name), while every signature a peer forges in a pinned CA's
	 * name costs a verification.
	 */
	static final int MAX_FAILURES_PER_SIGNER = 3;

	static final int MAX_CACHED_CHAINS = 1024;

	/**
	 * The longest served chain whose outcome is kept: more than the JDK's client accepts (10),
	 * and no real server sends more; keying a longer one would hash all that a peer sent.
	 */
	static final int MAX_CACHED_CHAIN_LENGTH = 16;

	static final int MAX_CACHED_SIGNATURES = 8192;

	private final X509Certificate[] trustAnchors;

	private final Clock clock;

	private final PathValidation validation;

	/** Built on first use: indexing anchors by subject loads the JDK's name normaliser. */
	private volatile @Nullable Anchors anchors;

	private final Map<ServedChain, ValidatedChain> validatedChains = new ConcurrentHashMap<>();

	private final Map<Link, Boolean> signatures = new ConcurrentHashMap<>();

	private final LongAdder signatureVerifications = new LongAdder();

	private final LongAdder expensiveSignersSkipped = new LongAdder();

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
		this(trustAnchors, clock, null);
	}

	/**
	 * Creates a cleaner that validates paths under the PKIX parameters a delegate trust manager
	 * was built from (revocation checking, policies, a fixed date), so that no path the delegate
	 * would refuse is accepted.
	 * @param trustAnchors the anchors, as the trust manager's {@code getAcceptedIssuers()}
	 * returns them
	 * @param clock the time at which paths are validated, unless the parameters fix a date
	 * @param delegateParameters the delegate's parameters, or {@code null} for the JDK's default
	 * trust manager's rules
	 */
	public ChainCleaner(X509Certificate[] trustAnchors, Clock clock, @Nullable PKIXParameters delegateParameters) {
		this.trustAnchors = trustAnchors.clone();
		this.clock = clock;
		this.validation = new PathValidation(delegateParameters);
	}

	/**
	 * Returns how many signatures one check may verify for a served chain: twice its length,
	 * at most {@value #MAX_LENGTH}, plus four. A genuine chain of n certificates needs n - 1 for
	 * its links and as many again for the JDK's validator, the first time only; the rest is for
	 * the paths of cross-signed intermediates.
	 * @param servedLength how many certificates the peer sent
	 * @return the bound
	 */
	static int signatureBudget(int servedLength) {
		return 2 * Math.min(Math.max(servedLength, 3), MAX_LENGTH) + 4;
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
	 * Returns the validated chain for the certificates a peer sent, ready to be checked against
	 * pin sets. The same served chain again is answered from a bounded cache, keyed by the exact
	 * certificates, for as long as no certificate on its judged paths changes between valid and
	 * not valid.
	 * @param served the chain as the peer sent it, leaf first
	 * @return the validated chain
	 */
	ValidatedChain validate(X509Certificate[] served) {
		return validate(served, now());
	}

	/**
	 * Returns the validated chain for the certificates a peer sent, at a time read from this
	 * cleaner's clock.
	 * @param served the chain as the peer sent it, leaf first
	 * @param now the time, from {@link #now()}
	 * @return the validated chain
	 */
	ValidatedChain validate(X509Certificate[] served, long now) {
		boolean kept = served.length <= MAX_CACHED_CHAIN_LENGTH;
		ValidatedChain validated = kept ? this.validatedChains.get(new ServedChain(served)) : null;
		if (validated == null || !validated.holdsAt(now)) {
			X509Certificate[] copy = served.clone();
			Found first = search(copy, now, (path) -> true, null, signatureBudget(copy.length));
			validated = new ValidatedChain(this, copy, first, now);
			if (kept) {
				if (this.validatedChains.size() >= MAX_CACHED_CHAINS) {
					this.validatedChains.clear();
				}
				this.validatedChains.put(new ServedChain(copy), validated);
			}
		}
		return validated;
	}

	/**
	 * Returns the validated chain for the certificates a peer sent, leaf first and ending
	 * with the trust anchor: the shortest path from the leaf to a trust anchor that PKIX
	 * accepts, trust anchors tried before served certificates. Where PKIX accepts no path (or no
	 * anchor is known), the leaf alone.
	 * @param served the chain as the peer sent it, leaf first
	 * @return the validated chain
	 */
	public List<X509Certificate> clean(X509Certificate[] served) {
		Found first = search(served, now(), (path) -> true, null, signatureBudget(served.length));
		return (first.path() != null) ? first.path() : List.of(served[0]);
	}

	/**
	 * Returns whether any certificate a path could hold (one the peer sent, or a trust anchor)
	 * has a key of the pin set: if none has, no search can find a path that holds one.
	 * @param served the chain as the peer sent it
	 * @param pinSet the pin set
	 * @return whether a search is worth its cost
	 */
	boolean mayHoldPin(X509Certificate[] served, PinSet pinSet) {
		for (Pin pin : anchors().pins().values()) {
			if (pinSet.pins().contains(pin)) {
				return true;
			}
		}
		for (X509Certificate certificate : served) {
			if (pinSet.pins().contains(Pin.of(certificate))) {
				return true;
			}
		}
		return false;
	}

	long now() {
		return this.clock.millis();
	}

	/**
	 * Searches the accepted paths of a served chain, shortest first, until one satisfies a goal.
	 * @param served the chain as the peer sent it, leaf first
	 * @param now the time of validation
	 * @param goal whether an accepted path (leaf first, anchor last) ends the search
	 * @param toward a pin set the path must hold a pin of, if any: then only certificates from
	 * which one of its certificates is reached by verified links are tried until the path holds
	 * one, so that what a peer sends besides costs at most a verification per certificate that
	 * names one of those as its issuer; else {@code null}
	 * @param budget how many signatures the search may verify
	 * @return what was found
	 */
	Found search(X509Certificate[] served, long now, Predicate<List<X509Certificate>> goal, @Nullable PinSet toward,
			int budget) {
		Search search = new Search(served, now, goal, budget);
		if (toward != null) {
			search.leadTo(toward);
		}
		search.run();
		return search.found();
	}

	/**
	 * Returns how many signatures this cleaner has verified, the validator's included.
	 */
	long signatureVerifications() {
		return this.signatureVerifications.sum() + this.validation.signatureVerifications();
	}

	/**
	 * Returns how many times a served signer was not tried because of its key's cost.
	 */
	long expensiveSignersSkipped() {
		return this.expensiveSignersSkipped.sum();
	}

	/**
	 * Returns how many served chains are cached, for tests of the memory bound.
	 */
	int cachedChains() {
		return this.validatedChains.size();
	}

	/**
	 * Returns how many signature verdicts are cached, for tests of the memory bound.
	 */
	int cachedSignatures() {
		return this.signatures.size();
	}

	/**
	 * Returns the path validation this cleaner uses, for tests of its cache.
	 */
	PathValidation pathValidation() {
		return this.validation;
	}

	/**
	 * What a search found.
	 *
	 * @param path the first accepted path that met the goal, leaf first and anchor last, or
	 * {@code null}
	 * @param onAcceptedPaths every certificate on a path accepted before the search ended,
	 * nearest the leaf (on any of them) first
	 * @param recheckAt when a judged path's verdict may change, in epoch millis
	 * @param spent how many signatures the search verified
	 * @param cutShort why the search ended before it had tried every path, or {@code null}
	 */
	record Found(@Nullable List<X509Certificate> path, List<X509Certificate> onAcceptedPaths, long recheckAt,
			int spent, @Nullable String cutShort) {

	}

	/**
	 * An iterative-deepening search of the paths of issuer names and signatures from the leaf
	 * to a trust anchor, each judged by PKIX: all paths of length 2, then 3, and so on, so that
	 * the shortest accepted path is found first, however much is sent before it. A server may
	 * send cross-signed intermediates, so that several paths are accepted; each is as genuine as
	 * the others, and a pin on any of them counts.
	 */
	private final class Search {

		private final X509Certificate leaf;

		private final int servedLength;

		private final long now;

		private final Predicate<List<X509Certificate>> goal;

		private final int budget;

		private final Anchors anchors = anchors();

		private final X509Certificate[] served;

		private final List<X509Certificate> path = new ArrayList<>(4);

		/** Where the peer sent each certificate of the path, or -1 for a trust anchor. */
		private final int[] servedAt = new int[MAX_LENGTH + 1];

		private int length;

		private boolean exactNames;

		/** Each certificate on an accepted path, with its least distance from the leaf. */
		private final Map<X509Certificate, Integer> onAcceptedPaths = new LinkedHashMap<>();

		private @Nullable List<X509Certificate> found;

		private long recheckAt = Long.MAX_VALUE;

		private int steps;

		private int spent;

		private int expensiveSkipped;

		/** How many certificates each signer key was verified against and did not sign. */
		private final Map<PublicKey, Integer> failuresBySigner = new HashMap<>();

		/** The certificates not verified against a key that had failed on as many as it is given. */
		private final Set<X509Certificate> notVerified = new HashSet<>();

		private @Nullable String cutShort;

		/**
		 * The certificates worth trying while the path holds no pin of the target set: those
		 * that hold one, and those from which one is reached by verified links; {@code null}
		 * where there is no target.
		 */
		private @Nullable Set<X509Certificate> leadingToPins;

		/** The certificates, sent or trusted, that hold a pin of the target set, if any. */
		private @Nullable Set<X509Certificate> pinned;

		private @Nullable Set<X509Certificate> leadingToAnchors;

		private @Nullable Map<X500Principal, List<X509Certificate>> byIssuer;

		private @Nullable Map<Object, List<X509Certificate>> servedByEncodedSubject;

		private @Nullable Map<Object, List<X509Certificate>> servedBySubject;

		/** How many certificates of the path hold a pin of the target set. */
		private int pinnedOnPath;

		Search(X509Certificate[] served, long now, Predicate<List<X509Certificate>> goal, int budget) {
			this.served = served;
			this.leaf = served[0];
			this.servedLength = served.length;
			this.now = now;
			this.goal = goal;
			this.budget = budget;
		}

		/**
		 * Searches with served certificates linked by names encoded byte for byte as their
		 * issuers' (as issuers write them), and then, if that settles nothing, by names that
		 * only compare equal (RFC 5280's comparison, which the JDK applies, and which costs a
		 * normalisation of every name a peer sends).
		 */
		void run() {
			this.path.add(this.leaf);
			for (boolean exact : new boolean[] { true, false }) {
				this.exactNames = exact;
				for (this.length = 2; this.length <= MAX_LENGTH && !isOver(); this.length++) {
					extend();
				}
			}
		}

		Found found() {
			List<X509Certificate> certificates = new ArrayList<>(this.onAcceptedPaths.keySet());
			certificates.sort(Comparator.comparing(this.onAcceptedPaths::get));
			String cutShort = this.cutShort;
			if (cutShort == null && this.found == null && this.expensiveSkipped > 0) {
				cutShort = this.expensiveSkipped + " served certificate(s) were not tried as signers: their RSA"
						+ " public exponent is longer than " + MAX_RSA_EXPONENT_BITS + " bits";
			}
			if (cutShort == null && this.found == null && !this.notVerified.isEmpty()) {
				cutShort = "the search for a pinned path was cut short after " + MAX_FAILURES_PER_SIGNER
						+ " certificates named as issued by one key failed its signature check: " + this.notVerified.size()
						+ " more were not verified";
			}
			return new Found(this.found, List.copyOf(certificates), this.recheckAt, this.spent,
					(this.found == null) ? cutShort : null);
		}

		/**
		 * Restricts the search to certificates that lead to a pin of a set, until the path
		 * holds one.
		 */
		void leadTo(PinSet pinSet) {
			Set<X509Certificate> pinned = new HashSet<>();
			for (X509Certificate certificate : pool()) {
				Pin pin = this.anchors.pins().get(certificate);
				if (pinSet.pins().contains((pin != null) ? pin : Pin.of(certificate))) {
					pinned.add(certificate);
				}
			}
			this.pinned = pinned;
			this.leadingToPins = signedUnder(pinned);
		}

		/**
		 * Returns the certificates, sent or trusted, from which one of the given is reached by
		 * verified links: those given, and every certificate that names one already found as its
		 * issuer and is signed with its key, among those the leaf reaches by names. Followed from
		 * the given down, so that what a peer links by name to a pinned certificate costs one
		 * verification per certificate that names one found, and a certificate that no key found
		 * signed is never tried from the leaf up.
		 */
		private Set<X509Certificate> signedUnder(Set<X509Certificate> given) {
			Set<X509Certificate> reached = reachedFromTheLeaf();
			Set<X509Certificate> found = new HashSet<>(given);
			List<X509Certificate> pending = new ArrayList<>(given);
			while (!pending.isEmpty() && !isOver()) {
				X509Certificate signer = pending.remove(pending.size() - 1);
				for (X509Certificate issued : byIssuer().getOrDefault(signer.getSubjectX500Principal(), List.of())) {
					if (!found.contains(issued) && reached.contains(issued) && isSignedBy(issued, signer)) {
						found.add(issued);
						pending.add(issued);
					}
				}
			}
			return found;
		}

		/**
		 * Returns the certificates, sent or trusted, from which one that meets a condition is
		 * reached by issuer names: those that meet it, and every certificate whose issuer is the
		 * subject of one already found. Names only, no signature: the cost is one pass over what
		 * was sent, and what is not found is never verified.
		 */
		private Set<X509Certificate> leadingTo(Predicate<X509Certificate> condition) {
			Set<X509Certificate> leading = new HashSet<>();
			List<X509Certificate> pending = new ArrayList<>();
			for (X509Certificate certificate : pool()) {
				if (condition.test(certificate) && leading.add(certificate)) {
					pending.add(certificate);
				}
			}
			while (!pending.isEmpty()) {
				X509Certificate signer = pending.remove(pending.size() - 1);
				for (X509Certificate issued : byIssuer().getOrDefault(signer.getSubjectX500Principal(), List.of())) {
					if (leading.add(issued)) {
						pending.add(issued);
					}
				}
			}
			return leading;
		}

		/**
		 * Returns the certificates, sent or trusted, that the leaf reaches by issuer names: the
		 * only ones a path from the leaf can hold. Names only, no signature.
		 */
		private Set<X509Certificate> reachedFromTheLeaf() {
			Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
			for (X509Certificate certificate : pool()) {
				bySubject.computeIfAbsent(certificate.getSubjectX500Principal(), (subject) -> new ArrayList<>(1))
					.add(certificate);
			}
			Set<X509Certificate> reached = new HashSet<>();
			Set<X500Principal> named = new HashSet<>();
			List<X500Principal> pending = new ArrayList<>();
			pending.add(this.leaf.getIssuerX500Principal());
			while (!pending.isEmpty()) {
				X500Principal issuer = pending.remove(pending.size() - 1);
				if (named.add(issuer)) {
					for (X509Certificate certificate : bySubject.getOrDefault(issuer, List.of())) {
						if (reached.add(certificate)) {
							pending.add(certificate.getIssuerX500Principal());
						}
					}
				}
			}
			return reached;
		}

		/** The trust anchors and what was sent after the leaf. */
		private List<X509Certificate> pool() {
			List<X509Certificate> pool = new ArrayList<>(this.anchors.all());
			pool.addAll(Arrays.asList(this.served).subList(1, this.served.length));
			return pool;
		}

		private Map<X500Principal, List<X509Certificate>> byIssuer() {
			Map<X500Principal, List<X509Certificate>> byIssuer = this.byIssuer;
			if (byIssuer == null) {
				byIssuer = new HashMap<>();
				for (X509Certificate certificate : pool()) {
					byIssuer.computeIfAbsent(certificate.getIssuerX500Principal(), (issuer) -> new ArrayList<>(1))
						.add(certificate);
				}
				this.byIssuer = byIssuer;
			}
			return byIssuer;
		}

		/**
		 * Returns whether a signer is worth a signature verification: a trust anchor must be
		 * reached from it by names, and, until the path holds a pin of the target set, one of
		 * those. Asked only before a verification, so that a chain whose links are all known
		 * (a genuine chain again, with whatever junk) never pays for the pass over names.
		 */
		private boolean isWorthTrying(X509Certificate candidate) {
			Set<X509Certificate> leadingToAnchors = this.leadingToAnchors;
			if (leadingToAnchors == null) {
				leadingToAnchors = leadingTo(this.anchors.all()::contains);
				this.leadingToAnchors = leadingToAnchors;
			}
			return leadingToAnchors.contains(candidate)
					&& (this.leadingToPins == null || this.pinnedOnPath > 0 || this.leadingToPins.contains(candidate));
		}

		private boolean holdsTargetPin(X509Certificate certificate) {
			return this.pinned != null && this.pinned.contains(certificate);
		}

		private boolean isOver() {
			return this.found != null || this.cutShort != null;
		}

		/**
		 * Appends every signer of the path's last certificate that keeps it within the length:
		 * trust anchors first; then the certificate served right after the last, if it is named
		 * as its issuer (a chain served in order is followed without reading what else was sent);
		 * then the other served certificates so named.
		 */
		private void extend() {
			X509Certificate last = this.path.get(this.path.size() - 1);
			X500Principal issuer = last.getIssuerX500Principal();
			boolean closing = this.path.size() + 1 == this.length;
			List<X509Certificate> anchorsOfIssuer = this.anchors.bySubject().get(issuer);
			if (anchorsOfIssuer != null) {
				for (X509Certificate anchor : byKeyIdentifier(last, anchorsOfIssuer)) {
					tryAppend(anchor, closing, -1);
				}
			}
			if (closing) {
				return;
			}
			int lastServedAt = this.servedAt[this.path.size() - 1];
			int nextServedAt = (lastServedAt >= 0 && lastServedAt + 1 < this.served.length) ? lastServedAt + 1 : -1;
			X509Certificate next = (nextServedAt >= 0 && isServedSigner(issuer, this.served[nextServedAt]))
					? this.served[nextServedAt] : null;
			if (next != null) {
				tryAppend(next, false, nextServedAt);
			}
			if (isOver()) {
				return;
			}
			List<X509Certificate> servedOfIssuer = servedOf(issuer);
			if (servedOfIssuer != null) {
				for (X509Certificate candidate : byKeyIdentifier(last, servedOfIssuer)) {
					if (!candidate.equals(next)) {
						tryAppend(candidate, false, indexOf(candidate));
					}
				}
			}
		}

		private boolean isServedSigner(X500Principal issuer, X509Certificate candidate) {
			X500Principal subject = candidate.getSubjectX500Principal();
			boolean named = this.exactNames ? Arrays.equals(issuer.getEncoded(), subject.getEncoded())
					: issuer.equals(subject);
			return named && !candidate.equals(this.leaf) && !this.anchors.all().contains(candidate);
		}

		private int indexOf(X509Certificate certificate) {
			for (int i = 1; i < this.served.length; i++) {
				if (this.served[i] == certificate) {
					return i;
				}
			}
			return -1;
		}

		/**
		 * Returns the distinct served certificates with the given subject, other than the leaf
		 * and the trust anchors, in the order served.
		 */
		private @Nullable List<X509Certificate> servedOf(X500Principal subject) {
			return servedBySubject().get(subjectKey(subject));
		}

		/**
		 * Returns the served certificates that may sign, by subject, built once for each way of
		 * comparing names, the first time one is looked for: whatever a peer sends costs one
		 * reading of its subject, however long the search.
		 */
		private Map<Object, List<X509Certificate>> servedBySubject() {
			Map<Object, List<X509Certificate>> bySubject = this.exactNames ? this.servedByEncodedSubject
					: this.servedBySubject;
			if (bySubject == null) {
				Map<Object, Set<X509Certificate>> distinct = new HashMap<>();
				for (int i = 1; i < this.served.length; i++) {
					X509Certificate candidate = this.served[i];
					if (!candidate.equals(this.leaf) && !this.anchors.all().contains(candidate)) {
						distinct.computeIfAbsent(subjectKey(candidate.getSubjectX500Principal()),
								(subject) -> new LinkedHashSet<>(2))
							.add(candidate);
					}
				}
				bySubject = new HashMap<>();
				for (Map.Entry<Object, Set<X509Certificate>> entry : distinct.entrySet()) {
					bySubject.put(entry.getKey(), List.copyOf(entry.getValue()));
				}
				if (this.exactNames) {
					this.servedByEncodedSubject = bySubject;
				}
				else {
					this.servedBySubject = bySubject;
				}
			}
			return bySubject;
		}

		/** A name as this pass of the search compares it: its encoding byte for byte, or RFC 5280's. */
		private Object subjectKey(X500Principal name) {
			return this.exactNames ? ByteBuffer.wrap(name.getEncoded()) : name;
		}

		/** Signers that the certificate names by key identifier first, in the order given otherwise. */
		private List<X509Certificate> byKeyIdentifier(X509Certificate certificate, List<X509Certificate> signers) {
			if (signers.size() < 2) {
				return signers;
			}
			List<X509Certificate> ordered = new ArrayList<>(signers);
			ordered.sort(Comparator.comparing((signer) -> !KeyIdentifiers.named(certificate, signer)));
			return ordered;
		}

		/**
		 * Appends a candidate signer and searches on, or judges the path if it closes it.
		 * @param candidate the signer
		 * @param closing whether it is a trust anchor that ends the path
		 * @param servedAt where the peer sent it, or -1
		 */
		private void tryAppend(X509Certificate candidate, boolean closing, int servedAt) {
			if (isOver()) {
				return;
			}
			if (++this.steps > MAX_SEARCH_STEPS) {
				cut("after " + MAX_SEARCH_STEPS + " steps");
				return;
			}
			if (this.path.contains(candidate) || !isSignedBy(this.path.get(this.path.size() - 1), candidate)) {
				return;
			}
			if (closing) {
				judge(candidate);
				return;
			}
			int pinned = holdsTargetPin(candidate) ? 1 : 0;
			this.pinnedOnPath += pinned;
			this.servedAt[this.path.size()] = servedAt;
			this.path.add(candidate);
			extend();
			this.path.remove(this.path.size() - 1);
			this.pinnedOnPath -= pinned;
		}

		private boolean isSignedBy(X509Certificate certificate, X509Certificate signer) {
			Link link = new Link(certificate, signer.getPublicKey());
			Boolean verified = ChainCleaner.this.signatures.get(link);
			if (verified != null) {
				return verified;
			}
			if (!isWorthTrying(signer)) {
				return false;
			}
			if (isTooCostly(link.signerKey()) && !this.anchors.all().contains(signer)) {
				this.expensiveSkipped++;
				ChainCleaner.this.expensiveSignersSkipped.increment();
				return false;
			}
			if (this.failuresBySigner.getOrDefault(link.signerKey(), 0) >= MAX_FAILURES_PER_SIGNER) {
				this.notVerified.add(certificate);
				return false;
			}
			if (!spend(1)) {
				return false;
			}
			ChainCleaner.this.signatureVerifications.increment();
			verified = link.verify();
			if (!verified) {
				this.failuresBySigner.merge(link.signerKey(), 1, Integer::sum);
			}
			if (ChainCleaner.this.signatures.size() >= MAX_CACHED_SIGNATURES) {
				ChainCleaner.this.signatures.clear();
			}
			ChainCleaner.this.signatures.put(link, verified);
			return verified;
		}

		private boolean spend(int signatures) {
			if (this.spent + signatures > this.budget) {
				cut("at its bound of " + signatureBudget(this.servedLength) + " signature verifications for a served"
						+ " chain of " + this.servedLength + " certificates");
				return false;
			}
			this.spent += signatures;
			return true;
		}

		private void cut(String reason) {
			this.cutShort = "the search for a pinned path was cut short " + reason;
		}

		private void judge(X509Certificate anchor) {
			PathValidation.Verdict verdict = ChainCleaner.this.validation.validate(this.path, anchor, this.now,
					this::spend);
			if (verdict == null) {
				return;
			}
			this.recheckAt = Math.min(this.recheckAt, verdict.changesAt(this.now));
			if (verdict.accepted(this.now)) {
				List<X509Certificate> accepted = new ArrayList<>(this.path.size() + 1);
				accepted.addAll(this.path);
				accepted.add(anchor);
				for (int depth = 0; depth < accepted.size(); depth++) {
					this.onAcceptedPaths.merge(accepted.get(depth), depth, Math::min);
				}
				if (this.goal.test(accepted)) {
					this.found = List.copyOf(accepted);
				}
			}
		}

	}

	private static boolean isTooCostly(PublicKey key) {
		return key instanceof RSAPublicKey rsa && rsa.getPublicExponent().bitLength() > MAX_RSA_EXPONENT_BITS;
	}

	/**
	 * A certificate and the key of a possible signer, compared by their encoded forms.
	 */
	private record Link(X509Certificate certificate, PublicKey signerKey) {

		boolean verify() {
			try {
				this.certificate.verify(this.signerKey);
				return true;
			}
			catch (GeneralSecurityException | RuntimeException ex) {
				return false;
			}
		}

	}

	/**
	 * The trust anchors with their pins, computed once, and by subject.
	 */
	private record Anchors(Map<X509Certificate, Pin> pins, Map<X500Principal, List<X509Certificate>> bySubject) {

		static Anchors of(X509Certificate[] trustAnchors) {
			Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
			Map<X509Certificate, Pin> pins = new LinkedHashMap<>();
			for (X509Certificate anchor : trustAnchors) {
				if (!pins.containsKey(anchor)) {
					pins.put(anchor, Pin.of(anchor));
					bySubject.computeIfAbsent(anchor.getSubjectX500Principal(), (subject) -> new ArrayList<>(1))
						.add(anchor);
				}
			}
			return new Anchors(pins, bySubject);
		}

		Set<X509Certificate> all() {
			return this.pins.keySet();
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
