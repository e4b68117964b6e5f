package io.github.pinning.autoconfigure.config;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when {@code pinning.*} properties describe no valid policy. Holds every problem found,
 * each naming its property and quoting its value.
 */
public class InvalidPinningConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Problem> problems;

	/**
	 * Creates an exception for the given problems.
	 * @param problems what is wrong, at least one
	 */
	public InvalidPinningConfigurationException(List<Problem> problems) {
		super(describe(problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns every problem found.
	 * @return the problems, in the order of the configuration
	 */
	public List<Problem> getProblems() {
		return this.problems;
	}

	static String describe(List<Problem> problems) {
		return "The pinning configuration is invalid:\n"
				+ problems.stream().map(Problem::describe).collect(Collectors.joining("\n"));
	}

	/**
	 * One invalid property.
	 *
	 * @param property the full property path, for example
	 * {@code pinning.pin-sets.payments.pins[1]}
	 * @param value the value as configured, or {@code null} where it is missing
	 * @param reason what is wrong with it
	 * @param action how to fix it
	 */
	public record Problem(String property, @Nullable String value, String reason, String action) {

		String describe() {
			return "\n    Property: " + this.property + "\n    Value: "
					+ ((this.value != null) ? "\"" + this.value + "\"" : "(none)") + "\n    Reason: " + this.reason;
		}

	}

}
