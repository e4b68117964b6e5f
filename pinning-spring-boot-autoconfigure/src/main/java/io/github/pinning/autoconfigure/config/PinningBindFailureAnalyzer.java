package io.github.pinning.autoconfigure.config;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import io.github.pinning.PinningMode;
import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@code pinning.*} value that could not be converted to its type (a mode, a date,
 * a duration, a URI) in the words of the property rather than of the converter. Ordered before
 * Spring Boot's generic analyzer of bind failures; other properties are left to it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PinningBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		if (property == null || !property.getName().toString().startsWith("pinning.")) {
			return null;
		}
		String name = property.getName().toString();
		String expected = expected(cause.getTarget().getType().resolve(Object.class));
		Object value = property.getValue();
		Problem problem = new Problem(name, (value != null) ? value.toString() : null,
				"'" + value + "' is not " + expected, "Set '" + name + "' to " + expected + ".");
		String description = InvalidPinningConfigurationException.describe(List.of(problem))
				+ ((property.getOrigin() != null) ? "\n    Origin: " + property.getOrigin() : "");
		return new FailureAnalysis(description, problem.action(), cause);
	}

	private static String expected(Class<?> type) {
		if (type == PinningMode.class) {
			return "a mode: 'enforce' or 'report-only'";
		}
		if (type == LocalDate.class) {
			return "a date in the form yyyy-MM-dd, such as 2027-06-30";
		}
		if (type == Duration.class) {
			return "a duration such as 15m, 12h or 30d";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == URI.class) {
			return "a URI such as https://reports.example.com/pinning";
		}
		return "a valid " + type.getSimpleName();
	}

}
