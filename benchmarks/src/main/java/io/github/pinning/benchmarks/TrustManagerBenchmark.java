package io.github.pinning.benchmarks;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;

import io.github.pinning.PinningListener;
import io.github.pinning.PinningTrustManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 1: {@code checkServerTrusted} of the JDK's PKIX trust manager alone (unpinned) and
 * wrapped by {@link PinningTrustManager} (pinned), on a 3-certificate chain: the same chain
 * objects again (steady), the same chain parsed from its encoding each time (fresh), or a chain
 * never seen before, parsed each time (first-sight: more distinct chains than any cache of the
 * pin step holds, so that every path is validated anew).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TrustManagerBenchmark {

	@Param({ "RSA", "EC" })
	public String keyType;

	@Param({ "steady", "fresh", "first-sight" })
	public String chainState;


	private PkixOnlyTrustManager unpinned;

	private PinningTrustManager pinned;

	private SSLEngine engine;

	private ChainSource chains;

	private String authType;

	@Setup
	public void setUp() throws Exception {
		BenchmarkPki pki = new BenchmarkPki(this.keyType);
		this.unpinned = new PkixOnlyTrustManager(pki.jdkTrustManager());
		this.pinned = new PinningTrustManager(this.unpinned, pki.policy(), PinningListener.NONE, Clock.systemUTC());
		this.engine = pki.serverContext().createSSLEngine(BenchmarkPki.HOST, 443);
		this.chains = ChainSource.of(pki, this.chainState);
		this.authType = pki.authType;
		this.pinned.checkServerTrusted(chain(), this.authType, this.engine);
	}

	private X509Certificate[] chain() throws CertificateException {
		return this.chains.next();
	}

	@Benchmark
	public void unpinned() throws CertificateException {
		this.unpinned.checkServerTrusted(chain(), this.authType, this.engine);
	}

	@Benchmark
	public void pinned() throws CertificateException {
		this.pinned.checkServerTrusted(chain(), this.authType, this.engine);
	}

}
