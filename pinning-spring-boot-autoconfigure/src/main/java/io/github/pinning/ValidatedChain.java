package io.github.pinning;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A chain as validated by the {@link ChainCleaner}, with the pin of each certificate.
 *
 * @param certificates the chain, leaf first
 * @param pins the pin of each certificate, in the same order
 */
record ValidatedChain(List<X509Certificate> certificates, List<Pin> pins) {

	static ValidatedChain of(List<X509Certificate> certificates) {
		Pin[] pins = new Pin[certificates.size()];
		for (int i = 0; i < pins.length; i++) {
			pins[i] = Pin.of(certificates.get(i));
		}
		return new ValidatedChain(List.copyOf(certificates), List.of(pins));
	}

}
