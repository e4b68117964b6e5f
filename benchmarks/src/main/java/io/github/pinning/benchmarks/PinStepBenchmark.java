package io.github.pinning.benchmarks;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.X509ExtendedTrustManager;

import io.github.pinning.Pin;
import io.github.pinning.PinChecker;
import io.github.pinning.PinningListener;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;
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
 * Benchmarks 2 and 5: the pin step alone (clean the chain, match the pins) against OkHttp 5's
 * {@link CertificatePinner#check}, both with their chain cleaners built from the same trust
 * manager and pinning the same intermediate and root, on the same chain again (steady) or on a
 * chain never seen before, parsed each time (first-sight; see {@link TrustManagerBenchmark}).
 * Run with the GC profiler for the bytes allocated per operation.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PinStepBenchmark {

	@Param({ "RSA", "EC" })
	public String keyType;

	@Param({ "steady", "first-sight" })
	public String chainState;

	private ChainSource chains;

	private PinChecker pinChecker;

	private CertificatePinner okHttpPinner;

	private X509Certificate[] chain;

	private List<Certificate> peerCertificates;

	@Setup
	public void setUp() throws Exception {
		BenchmarkPki pki = new BenchmarkPki(this.keyType);
		X509ExtendedTrustManager trustManager = pki.jdkTrustManager();
		this.pinChecker = new PinChecker(pki.policy(), PinningListener.NONE, Clock.systemUTC(),
				trustManager.getAcceptedIssuers());
		CertificatePinner pinner = new CertificatePinner.Builder()
			.add(BenchmarkPki.HOST, Pin.of(pki.intermediate.certificate()).toString(),
					Pin.of(pki.root.certificate()).toString())
			.build();
		OkHttpClient client = new OkHttpClient.Builder()
			.sslSocketFactory(BenchmarkPki.clientContext(trustManager).getSocketFactory(), trustManager)
			.certificatePinner(pinner)
			.build();
		this.okHttpPinner = client.certificatePinner();
		this.chain = pki.chain();
		this.peerCertificates = List.of(this.chain);
		this.chains = ChainSource.of(pki, this.chainState);
		this.pinChecker.check(this.chain, BenchmarkPki.HOST, 443);
		this.okHttpPinner.check(BenchmarkPki.HOST, this.peerCertificates);
	}


	@Benchmark
	public void pinning() throws Exception {
		this.pinChecker.check(this.chains.next(), BenchmarkPki.HOST, 443);
	}

	@Benchmark
	public void okHttp() throws Exception {
		this.okHttpPinner.check(BenchmarkPki.HOST,
				this.chains.isSteady() ? this.peerCertificates : List.of(this.chains.next()));
	}

}
