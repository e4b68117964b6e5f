package io.github.pinning.benchmarks;

import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.pinning.PinningListener;
import io.github.pinning.PinningSslContext;
import io.github.pinning.PinningTrustManager;
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
 * Benchmarks 1 and 3, paired: pinned and unpinned run in alternating iterations of one JVM, in
 * the order A B B A A B B A ... (iteration k is pinned when k mod 4 is 1 or 2), so that each
 * pair of neighbouring iterations sees the same machine, and drift cancels between pairs of
 * opposite order. {@link BenchmarkReport} turns the iterations into paired ratios and reports
 * their median with a 95% confidence interval. Warm-up iterations are a multiple of four, so
 * that the pattern holds from the first measured iteration.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 96, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PairedBenchmark {

	/**
	 * What is compared: {@code checkServerTrusted} with a key type on the same chain objects
	 * ({@code trust-}) or on the chain parsed from its encoding for every check, as a handshake
	 * does ({@code parsed-}), or a handshake with a protocol.
	 */
	@Param({ "trust-RSA", "trust-EC", "parsed-RSA", "parsed-EC", "handshake-TLSv1.3", "handshake-TLSv1.2" })
	public String target;

	private ChainSource chains;

	private PkixOnlyTrustManager unpinnedTrust;

	private PinningTrustManager pinnedTrust;

	private SSLEngine engine;

	private String authType;

	private SSLContext server;

	private SSLContext unpinnedClient;

	private SSLContext pinnedClient;

	private String protocol;

	private int port;

	private int iteration = -1;

	private boolean pinnedTurn;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		boolean handshake = this.target.startsWith("handshake-");
		BenchmarkPki pki = new BenchmarkPki(handshake ? "EC" : this.target.substring(this.target.indexOf('-') + 1));
		X509ExtendedTrustManager jdk = pki.jdkTrustManager();
		if (handshake) {
			this.protocol = this.target.substring("handshake-".length());
			this.server = pki.serverContext();
			this.unpinnedClient = BenchmarkPki.clientContext(jdk);
			// As the starter makes it: a context whose engines check their session once the
			// handshake completes.
			PinningTrustManager pinning = new PinningTrustManager(jdk, pki.policy(), PinningListener.NONE,
					Clock.systemUTC());
			this.pinnedClient = PinningSslContext.of(BenchmarkPki.clientContext(pinning), pinning);
		}
		else {
			this.unpinnedTrust = new PkixOnlyTrustManager(jdk);
			this.pinnedTrust = new PinningTrustManager(this.unpinnedTrust, pki.policy(), PinningListener.NONE,
					Clock.systemUTC());
			this.engine = pki.serverContext().createSSLEngine(BenchmarkPki.HOST, 443);
			this.chains = ChainSource.of(pki, this.target.startsWith("parsed-") ? "fresh" : "steady");
			this.authType = pki.authType;
		}
	}

	@Setup(Level.Iteration)
	public void nextIteration() {
		this.iteration++;
		this.pinnedTurn = isPinned(this.iteration);
	}

	/**
	 * Returns whether iteration {@code k} of a fork, warm-up included, runs pinned.
	 * @param k the iteration, from 0
	 * @return whether it is pinned
	 */
	static boolean isPinned(int k) {
		int phase = k % 4;
		return phase == 1 || phase == 2;
	}

	@Benchmark
	public void alternating() throws CertificateException, SSLException {
		if (this.protocol != null) {
			handshake(this.pinnedTurn ? this.pinnedClient : this.unpinnedClient);
		}
		else if (this.pinnedTurn) {
			this.pinnedTrust.checkServerTrusted(this.chains.next(), this.authType, this.engine);
		}
		else {
			this.unpinnedTrust.checkServerTrusted(this.chains.next(), this.authType, this.engine);
		}
	}

	private void handshake(SSLContext clientContext) throws SSLException {
		this.port = (this.port % 60_000) + 1;
		InMemoryHandshake.connect(clientContext, this.server, this.protocol, this.port);
	}

}
