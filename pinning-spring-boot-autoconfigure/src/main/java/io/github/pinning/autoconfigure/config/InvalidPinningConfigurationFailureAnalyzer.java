package io.github.pinning.autoconfigure.config;

import java.util.stream.Collectors;

import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationException.Problem;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidPinningConfigurationException}: every invalid property with its
 * value and what is wrong, then how to fix each.
 */
public class InvalidPinningConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPinningConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPinningConfigurationException cause) {
		String action = cause.getProblems()
			.stream()
			.map(Problem::action)
			.distinct()
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
