package io.github.pinning;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A chain as validated by the {@link ChainCleaner}, with the pin of each certificate.
 *
 * @param certificates the chain, leaf first
 * @param pins the pin of each certificate, in the same order
 * @param matchable the pins that may match: the leaf's, and those of every certificate on any
 * path from the leaf to a trust anchor that PKIX accepts (cross-signed intermediates give
 * several); a pin set matches if it holds one
 * @param complete whether every candidate path was judged; a search cut by its bound may
 * leave out pins, never add one
 */
record ValidatedChain(List<X509Certificate> certificates, List<Pin> pins, List<Pin> matchable, boolean complete) {

	static ValidatedChain of(List<X509Certificate> certificates, Collection<X509Certificate> onAnyPath,
			boolean complete) {
		List<Pin> pins = new ArrayList<>(certificates.size());
		for (X509Certificate certificate : certificates) {
			pins.add(Pin.of(certificate));
		}
		List<Pin> matchable = new ArrayList<>(onAnyPath.size());
		for (X509Certificate certificate : onAnyPath) {
			Pin pin = Pin.of(certificate);
			if (!matchable.contains(pin)) {
				matchable.add(pin);
			}
		}
		return new ValidatedChain(List.copyOf(certificates), List.copyOf(pins), List.copyOf(matchable), complete);
	}

}
