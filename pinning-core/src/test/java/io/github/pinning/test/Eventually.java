package io.github.pinning.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something that happens on another thread, with a generous bound that only a
 * hang reaches; the bound says nothing about speed.
 */
public final class Eventually {

	private static final Duration BOUND = Duration.ofSeconds(60);

	private Eventually() {
	}

	/**
	 * Waits until the condition holds.
	 * @param description what is awaited, for the failure message
	 * @param condition the condition
	 */
	public static void until(String description, BooleanSupplier condition) {
		long deadline = System.nanoTime() + BOUND.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Still waiting after " + BOUND.toSeconds() + "s for " + description);
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for " + description, ex);
			}
		}
	}

}
