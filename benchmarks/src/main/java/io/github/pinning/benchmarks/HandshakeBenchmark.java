package io.github.pinning.benchmarks;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

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
 * Benchmark 3: full TLS handshakes between in-memory {@link SSLEngine}s, the client's
 * {@link SSLContext} pinned or not, with HTTPS endpoint identification. Each handshake uses a
 * new client port, so the client never resumes a session and the trust manager runs every time.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeBenchmark {

	@Param({ "TLSv1.3", "TLSv1.2" })
	public String protocol;

	private SSLContext server;

	private SSLContext unpinned;

	private SSLContext pinned;

	private int port;

	@Setup
	public void setUp() throws Exception {
		BenchmarkPki pki = new BenchmarkPki("EC");
		X509ExtendedTrustManager jdk = pki.jdkTrustManager();
		this.server = pki.serverContext();
		this.unpinned = BenchmarkPki.clientContext(jdk);
		this.pinned = BenchmarkPki.clientContext(
				new PinningTrustManager(jdk, pki.policy(), PinningListener.NONE, Clock.systemUTC()));
		handshake(this.pinned);
	}

	@Benchmark
	public void unpinned() throws SSLException {
		handshake(this.unpinned);
	}

	@Benchmark
	public void pinned() throws SSLException {
		handshake(this.pinned);
	}

	private void handshake(SSLContext clientContext) throws SSLException {
		this.port = (this.port % 60_000) + 1;
		InMemoryHandshake.connect(clientContext, this.server, this.protocol, this.port);
	}

}
