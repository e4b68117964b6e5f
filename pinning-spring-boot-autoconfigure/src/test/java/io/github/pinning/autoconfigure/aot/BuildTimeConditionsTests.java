package io.github.pinning.autoconfigure.aot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under Spring AOT (and so in native images) every condition is decided at build time. This
 * lists exactly which properties our auto-configurations decide by a condition: none under
 * {@code pinning.}, which are all read when the beans are created, so that a value given only
 * at run time applies. The Actuator's own switches, like every Actuator contributor's, stay
 * conditions; docs/compatibility.md says so.
 */
class BuildTimeConditionsTests {

	/** Conditions that read the environment, by the annotation's simple name. */
	private static final Set<String> PROPERTY_CONDITIONS = Set.of("ConditionalOnProperty", "ConditionalOnBooleanProperty",
			"ConditionalOnEnabledHealthIndicator", "ConditionalOnAvailableEndpoint", "ConditionalOnWebApplication");

	@Test
	void onlyActuatorSwitchesAreDecidedAtBuildTime() throws Exception {
		Map<String, List<String>> found = new TreeMap<>();
		for (String name : autoConfigurations()) {
			Class<?> type = Class.forName(name);
			collect(type, found);
			for (Class<?> nested : type.getDeclaredClasses()) {
				collect(nested, found);
			}
		}
		assertThat(found).containsOnly(
				Map.entry("PinningHealthContributorAutoConfiguration",
						List.of("ConditionalOnEnabledHealthIndicator(pinning)")),
				Map.entry("PinningEndpointAutoConfiguration", List.of("ConditionalOnAvailableEndpoint(PinningEndpoint)")),
				Map.entry("Imperative.pinningClientHttpRequestFactoryBuilder",
						List.of("ConditionalOnWebApplication(REACTIVE)")));
	}

	private static void collect(Class<?> type, Map<String, List<String>> found) {
		record(type.getSimpleName(), type, found);
		for (Method method : type.getDeclaredMethods()) {
			record(type.getSimpleName() + "." + method.getName(), method, found);
		}
	}

	private static void record(String where, AnnotatedElement element, Map<String, List<String>> found) {
		List<String> conditions = new ArrayList<>();
		MergedAnnotations.from(element, SearchStrategy.DIRECT)
			.stream()
			.filter(MergedAnnotation::isDirectlyPresent)
			.filter((annotation) -> PROPERTY_CONDITIONS.contains(annotation.getType().getSimpleName()))
			.forEach((annotation) -> conditions.add(describe(annotation)));
		if (!conditions.isEmpty()) {
			found.put(where, conditions);
		}
	}

	private static String describe(MergedAnnotation<?> annotation) {
		String name = annotation.getType().getSimpleName();
		String attribute = switch (name) {
			case "ConditionalOnWebApplication" -> "type";
			case "ConditionalOnProperty", "ConditionalOnBooleanProperty" -> "name";
			default -> "value";
		};
		Object value = annotation.getValue(attribute).orElse("");
		String text = (value instanceof Class<?> type) ? type.getSimpleName()
				: (value instanceof Object[] array) ? String.join(",", Arrays.stream(array).map(String::valueOf).toList())
				: String.valueOf(value);
		return name + "(" + text + ")";
	}

	private static List<String> autoConfigurations() throws IOException {
		try (InputStream imports = BuildTimeConditionsTests.class.getResourceAsStream(
				"/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(imports).isNotNull();
			return new String(imports.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

}
