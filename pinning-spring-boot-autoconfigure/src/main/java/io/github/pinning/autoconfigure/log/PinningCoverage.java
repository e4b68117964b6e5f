package io.github.pinning.autoconfigure.log;

import java.util.List;

/**
 * What one part of the starter applies the pins to, and what it found but cannot pin, for the
 * start-up lines that say so. Each integration defines a bean of this type; the line lists them in their
 * order ({@link org.springframework.core.annotation.Order @Order} on the bean method).
 */
@FunctionalInterface
public interface PinningCoverage {

	/**
	 * Returns what applies the pins, as the start-up line names it (for example
	 * {@code RestClient.Builder}); empty when this part applies them to nothing.
	 * @return the names, in the order to print them
	 */
	List<String> appliedBy();

	/**
	 * Returns the clients found that this part cannot pin, each with what would pin it, for
	 * the start-up warning.
	 * @return the clients and their fixes; empty by default
	 */
	default List<String> unpinned() {
		return List.of();
	}

}
