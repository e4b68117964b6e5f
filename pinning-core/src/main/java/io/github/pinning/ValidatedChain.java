package io.github.pinning;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain as validated by the {@link ChainCleaner}, with the pin of each certificate.
 *
 * @param certificates the chain, leaf first
 * @param pins the pin of each certificate, in the same order
 * @param matchable the pins that may match: the leaf's, and those of every certificate on any
 * path from the leaf to a trust anchor that PKIX accepts (cross-signed intermediates give
 * several), nearest the leaf first; a pin set matches if it holds one
 * @param notAfter when each matchable pin stops being served, in the same order: the latest
 * {@code notAfter} of the certificates that carry its key
 * @param complete whether every candidate path was judged; a search cut by its bound may
 * leave out pins, never add one
 */
record ValidatedChain(List<X509Certificate> certificates, List<Pin> pins, List<Pin> matchable, List<Instant> notAfter,
		boolean complete) {

	/**
	 * Creates the validated chain; each certificate's pin is computed once.
	 * @param certificates the chain, leaf first, each also among {@code onAnyPath}
	 * @param onAnyPath the certificates whose pins may match, nearest the leaf first
	 * @param complete whether every candidate path was judged
	 * @return the validated chain
	 */
	static ValidatedChain of(List<X509Certificate> certificates, Collection<X509Certificate> onAnyPath,
			boolean complete) {
		Map<X509Certificate, Pin> pinOf = new LinkedHashMap<>();
		for (X509Certificate certificate : onAnyPath) {
			pinOf.put(certificate, Pin.of(certificate));
		}
		List<Pin> pins = new ArrayList<>(certificates.size());
		for (X509Certificate certificate : certificates) {
			pins.add(pinOf.computeIfAbsent(certificate, Pin::of));
		}
		Map<Pin, Instant> notAfterOf = new LinkedHashMap<>();
		pinOf.forEach((certificate, pin) -> notAfterOf.merge(pin, certificate.getNotAfter().toInstant(), ValidatedChain::later));
		return new ValidatedChain(List.copyOf(certificates), List.copyOf(pins), List.copyOf(notAfterOf.keySet()),
				List.copyOf(notAfterOf.values()), complete);
	}

	/** Certificates that share a key (cross-signed ones) keep it matchable until the last expires. */
	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
