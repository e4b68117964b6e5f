package io.github.pinning.benchmarks;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Where a benchmark's chain comes from on each operation: the same objects again (steady), the
 * same chain parsed anew (fresh), or, cycling through more distinct chains than the pin step
 * caches, a chain never seen before, parsed anew (first-sight).
 */
final class ChainSource {

	/** More than the pin step caches, chains and path verdicts alike. */
	static final int DISTINCT_CHAINS = 5000;

	private final X509Certificate[] steady;

	private final byte[][][] encoded;

	private final CertificateFactory factory;

	private int next;

	private ChainSource(X509Certificate[] steady, byte[][][] encoded) throws CertificateException {
		this.steady = steady;
		this.encoded = encoded;
		this.factory = CertificateFactory.getInstance("X.509");
	}

	/**
	 * Returns the source for a chain state.
	 * @param pki the benchmark's PKI
	 * @param state {@code steady}, {@code fresh} or {@code first-sight}
	 * @return the source
	 * @throws CertificateException if the chain cannot be encoded
	 */
	static ChainSource of(BenchmarkPki pki, String state) throws CertificateException {
		X509Certificate[] chain = pki.chain();
		return switch (state) {
			case "steady" -> new ChainSource(chain, null);
			case "fresh" -> new ChainSource(chain, new byte[][][] { encode(chain) });
			case "first-sight" -> new ChainSource(chain, pki.distinctChains(DISTINCT_CHAINS));
			default -> throw new IllegalArgumentException("Unknown chain state " + state);
		};
	}

	private static byte[][] encode(X509Certificate[] chain) throws CertificateEncodingException {
		byte[][] encoded = new byte[chain.length][];
		for (int i = 0; i < chain.length; i++) {
			encoded[i] = chain[i].getEncoded();
		}
		return encoded;
	}

	/**
	 * Returns the chain for the next operation.
	 * @return the chain, leaf first
	 * @throws CertificateException if it cannot be parsed
	 */
	X509Certificate[] next() throws CertificateException {
		if (this.encoded == null) {
			return this.steady;
		}
		byte[][] chain = this.encoded[this.next];
		this.next = (this.next + 1) % this.encoded.length;
		X509Certificate[] parsed = new X509Certificate[chain.length];
		for (int i = 0; i < parsed.length; i++) {
			parsed[i] = (X509Certificate) this.factory.generateCertificate(new ByteArrayInputStream(chain[i]));
		}
		return parsed;
	}

	/**
	 * Returns whether every operation gets the same chain objects.
	 * @return whether the source is steady
	 */
	boolean isSteady() {
		return this.encoded == null;
	}

}
