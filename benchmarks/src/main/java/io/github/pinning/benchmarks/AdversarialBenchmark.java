package io.github.pinning.benchmarks;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.pinning.Pin;
import io.github.pinning.PinChecker;
import io.github.pinning.PinSet;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.test.AdversarialChains;
import okhttp3.tls.HandshakeCertificates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 6: chains a peer can send without the pinned host's key, from
 * {@link AdversarialChains}, through {@code checkServerTrusted} pinned and through the JDK
 * alone, paired as in {@link PairedBenchmark} (alternating iterations, one JVM); and the pin
 * step alone.
 * <ul>
 * <li>{@code junk-N}: the genuine chain followed by a junk mesh of N certificates;</li>
 * <li>{@code long-exponent}: the genuine chain followed by nine certificates named as its CAs
 * whose RSA-3072 keys have a 3,071-bit public exponent;</li>
 * <li>{@code maze}: the genuine chain followed by a cross-signing maze of 12 certificates;</li>
 * </ul>
 * And an impostor holding a certificate from a trusted rogue CA, checked by a new pin step each
 * time, so that nothing is cached:
 * <ul>
 * <li>{@code impostor-mesh-100}: its chain with a junk mesh of 100 that links by name to the
 * pinned root (the root never signed the certificate that names it);</li>
 * <li>{@code impostor-forged-8}: its chain with 8 certificates that each could have signed its
 * leaf and name the pinned root as their issuer, new for every check: 10 certificates, the
 * most the JDK's client accepts, and each forged signature must be verified;</li>
 * <li>{@code impostor-forged-100}: the same with 100, for TLS stacks without that limit: the
 * search runs to its bound, the worst a peer can make one check cost.</li>
 * </ul>
 * As in a handshake, every check sees certificates parsed afresh (before the check, not
 * timed), so that no verification is remembered by the certificate objects, as the JDK's are;
 * and the served chains vary from one check to the next (the junk is reordered, or new), so
 * that pinning's cache of served chains never answers: what is measured is what a peer that
 * varies its junk costs.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 12, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 24, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AdversarialBenchmark {

	private static final String HOST = "pinned.test";

	/** More than the served chains the pin step keeps. */
	private static final int VARIANTS = 1100;

	@Param({ "junk-1", "junk-10", "junk-100", "junk-1000", "long-exponent", "maze", "impostor-mesh-100",
			"impostor-forged-8", "impostor-forged-100" })
	public String chain;

	private X509Certificate[][] variants;

	private X509ExtendedTrustManager jdk;

	private PinningTrustManager pinned;

	private PinChecker checker;

	private PinningPolicy policy;

	private SSLEngine engine;

	private int next;

	private X509Certificate[] served;

	private CertificateFactory certificates;

	private int iteration = -1;

	private boolean pinnedTurn;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		AdversarialChains chains = AdversarialChains.generate(HOST);
		this.jdk = (X509ExtendedTrustManager) new HandshakeCertificates.Builder().addTrustedCertificate(chains.root())
			.addTrustedCertificate(chains.rogueRoot())
			.build()
			.trustManager();
		this.policy = PinningPolicy
			.of(PinSet.of("pinned", List.of(HOST), List.of(Pin.of(chains.root()).toString())));
		this.pinned = new PinningTrustManager(new PkixOnlyTrustManager(this.jdk), this.policy, PinningListener.NONE,
				Clock.systemUTC());
		this.checker = new PinChecker(this.policy, PinningListener.NONE, Clock.systemUTC(),
				this.jdk.getAcceptedIssuers());
		this.engine = BenchmarkPki.clientContext(this.jdk).createSSLEngine(HOST, 443);
		this.variants = variants(chains, this.chain);
		this.certificates = CertificateFactory.getInstance("X.509");
	}

	private static X509Certificate[][] variants(AdversarialChains chains, String name) {
		X509Certificate[] genuine = chains.genuine();
		return switch (name) {
			case "junk-1" -> fresh(() -> chains.withJunkMesh(genuine, 1), VARIANTS);
			case "long-exponent" -> shuffled(chains.withExpensiveSigners(genuine, 3), genuine.length);
			case "maze" -> shuffled(AdversarialChains.concat(genuine, chains.crossSigningMaze(4)), genuine.length);
			case "impostor-mesh-100" ->
				new X509Certificate[][] { chains.withJunkMeshTowardTheRoot(chains.impostor(), 100) };
			case "impostor-forged-8" -> fresh(() -> chains.withForgedRootSignatures(chains.impostor(), 8), VARIANTS);
			// Each variant is 100 new certificates: fewer variants, still more certificates than the
			// JDK's CertificateFactory keeps, so that none is handed back with its verification.
			case "impostor-forged-100" -> fresh(() -> chains.withForgedRootSignatures(chains.impostor(), 100), 50);
			default -> shuffled(chains.withJunkMesh(genuine, Integer.parseInt(name.substring("junk-".length()))),
					genuine.length);
		};
	}

	private static X509Certificate[][] fresh(Supplier<X509Certificate[]> chain, int count) {
		X509Certificate[][] variants = new X509Certificate[count][];
		for (int i = 0; i < count; i++) {
			variants[i] = chain.get();
		}
		return variants;
	}

	/** The chain with what follows its first certificates in another order each time. */
	private static X509Certificate[][] shuffled(X509Certificate[] chain, int kept) {
		Random random = new Random(kept);
		X509Certificate[][] variants = new X509Certificate[VARIANTS][];
		List<X509Certificate> tail = new ArrayList<>(Arrays.asList(chain).subList(kept, chain.length));
		for (int i = 0; i < VARIANTS; i++) {
			Collections.shuffle(tail, random);
			X509Certificate[] variant = Arrays.copyOf(chain, chain.length);
			for (int j = 0; j < tail.size(); j++) {
				variant[kept + j] = tail.get(j);
			}
			variants[i] = variant;
		}
		return variants;
	}

	@Setup(Level.Iteration)
	public void nextIteration() {
		this.iteration++;
		this.pinnedTurn = PairedBenchmark.isPinned(this.iteration);
	}

	/**
	 * Parses the next variant afresh and, for the cold case, makes a new pin step.
	 * @throws CertificateException never: the chains were parsed before
	 */
	@Setup(Level.Invocation)
	public void nextChain() throws CertificateException {
		this.next = (this.next + 1) % this.variants.length;
		X509Certificate[] variant = this.variants[this.next];
		X509Certificate[] parsed = new X509Certificate[variant.length];
		for (int i = 0; i < variant.length; i++) {
			parsed[i] = (X509Certificate) this.certificates
				.generateCertificate(new ByteArrayInputStream(variant[i].getEncoded()));
		}
		this.served = parsed;
		if (isCold()) {
			this.pinned = new PinningTrustManager(new PkixOnlyTrustManager(this.jdk), this.policy, PinningListener.NONE,
					Clock.systemUTC());
			this.checker = new PinChecker(this.policy, PinningListener.NONE, Clock.systemUTC(),
					this.jdk.getAcceptedIssuers());
		}
	}

	private boolean isCold() {
		return this.chain.startsWith("impostor-");
	}

	@Benchmark
	public void alternating() throws CertificateException {
		if (!this.pinnedTurn) {
			this.jdk.checkServerTrusted(this.served, "ECDHE_ECDSA");
			return;
		}
		try {
			this.pinned.checkServerTrusted(this.served, "ECDHE_ECDSA", this.engine);
		}
		catch (CertificateException ex) {
			if (!isCold()) {
				throw ex;
			}
		}
	}

	/**
	 * The pin step alone, after the JDK has accepted the chain: what pinning adds.
	 * @return whether the pins matched, so that the work is not optimised away
	 */
	@Benchmark
	public boolean pinStep() {
		try {
			this.checker.check(this.served, HOST, 443);
			return true;
		}
		catch (CertificateException ex) {
			return false;
		}
	}

}
