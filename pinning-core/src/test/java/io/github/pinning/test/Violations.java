package io.github.pinning.test;

import java.time.Instant;
import java.util.List;

import io.github.pinning.PinSet;
import io.github.pinning.PinningViolation;

/**
 * Violation records made from a generated PKI, for the tests of what consumes them (history,
 * metrics, endpoint, reports) where no handshake is under test.
 */
public final class Violations {

	private Violations() {
	}

	/**
	 * Returns the violation a rogue leaf causes.
	 * @param pki the PKI
	 * @param pinSet the pin set that applied
	 * @param host the host
	 * @param time when
	 * @return the violation
	 */
	public static PinningViolation rogue(TestPki pki, PinSet pinSet, String host, Instant time) {
		return new PinningViolation(time, host, 443, pinSet, List.of(pki.rogueLeaf().certificate()),
				List.of(pki.rogueLeaf().certificate(), pki.rogueRoot().certificate()),
				List.of(TestPki.pin(pki.rogueLeaf()), TestPki.pin(pki.rogueRoot())));
	}

	/**
	 * Returns an enforced pin set of the PKI's intermediate and root for the given hosts.
	 * @param pki the PKI
	 * @param name the set's name
	 * @param hosts the host patterns
	 * @return the pin set
	 */
	public static PinSet pinSet(TestPki pki, String name, String... hosts) {
		return PinSet.of(name, List.of(hosts), TestPki.pins(pki.intermediate(), pki.root()));
	}

}
