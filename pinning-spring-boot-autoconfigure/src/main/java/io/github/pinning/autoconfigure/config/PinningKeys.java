package io.github.pinning.autoconfigure.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationException.Problem;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds keys under {@code pinning.} that nothing binds, which would otherwise leave pinning
 * silently off or incomplete: a misspelled key ({@code pin-set}, {@code pin}), a pin set name
 * with a dot (the binder splits it), or a misspelled prefix ({@code pining.pin-sets}). Each
 * is named with its origin (file and line) and the nearest valid key. From environment
 * variables they are only logged, since platforms inject variables such as
 * {@code PINNING_SERVICE_HOST}.
 */
final class PinningKeys {

	private static final Log logger = LogFactory.getLog(PinningKeys.class);

	private static final String PREFIX = "pinning";

	private static final List<String> TOP_LEVEL = List.of("enabled", "mode", "require-backup-pin", "jvm-default",
			"health.violation-window", "health.down-on-violation", "health.expiry-warning", "report.uri",
			"watch.file.quiet-period");

	private static final List<String> PER_SET = List.of("hosts", "pins", "certificates", "mode", "expires",
			"reload-on-update");

	private static final Set<String> LISTS = Set.of("hosts", "pins", "certificates");

	private static final Set<String> SECOND_ELEMENTS = Set.of("enabled", "mode", "requirebackuppin", "jvmdefault",
			"pinsets", "health", "report", "watch");

	private PinningKeys() {
	}

	/**
	 * Checks every key of the environment that is, or looks meant to be, under
	 * {@code pinning.}; logs those that come from environment variables.
	 * @param environment the environment
	 * @return the problems of the keys from other sources, in the order found
	 */
	static List<Problem> check(ConfigurableEnvironment environment) {
		Map<String, Problem> problems = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.from(environment.getPropertySources())) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			boolean fromEnvironmentVariables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
			iterable.stream().forEach((name) -> {
				String reason = unknownReason(name);
				if (reason == null) {
					return;
				}
				ConfigurationProperty property = source.getConfigurationProperty(name);
				String origin = (property != null && property.getOrigin() != null) ? property.getOrigin().toString()
						: String.valueOf(source.getUnderlyingSource());
				String key = withoutIndexes(name);
				String nearest = nearest(name);
				if (fromEnvironmentVariables) {
					logger.warn("Ignoring the environment variable " + origin + ": '" + key + "' is not a pinning key ("
							+ reason + "). The nearest valid key is '" + nearest + "', as an environment variable "
							+ environmentVariable(nearest) + ".");
				}
				else if (!problems.containsKey(key)) {
					Object value = (property != null) ? property.getValue() : null;
					problems.put(key, new Problem(key, (value != null) ? value.toString() : null,
							reason + " (from " + origin + ")", "Did you mean '" + nearest + "'? The keys are "
									+ describeKeys() + "."));
				}
			});
		}
		return List.copyOf(problems.values());
	}

	/** Returns why a name is not a pinning key, or {@code null} if it is one or not ours. */
	static @Nullable String unknownReason(ConfigurationPropertyName name) {
		String first = name.getElement(0, Form.UNIFORM);
		if (!first.equals(PREFIX)) {
			boolean misspelled = name.getNumberOfElements() > 1 && distance(first, PREFIX) <= 2
					&& SECOND_ELEMENTS.contains(name.getElement(1, Form.UNIFORM));
			return misspelled ? "the prefix '" + name.getElement(0, Form.DASHED) + "' is not 'pinning'" : null;
		}
		if (isKnown(name)) {
			return null;
		}
		List<String> elements = elements(name);
		if (elements.size() > 4 && uniform(elements.get(1)).equals("pinsets")
				&& PER_SET.contains(elements.get(elements.size() - 1))) {
			return "a pin set's name cannot contain a dot: the name is read as '" + name.getElement(2, Form.DASHED)
					+ "'. Use a name without dots, or write it in brackets, as in pinning.pin-sets[api.example.com].hosts";
		}
		return "no such key";
	}

	private static boolean isKnown(ConfigurationPropertyName name) {
		int size = name.getNumberOfElements();
		String second = (size > 1) ? name.getElement(1, Form.UNIFORM) : "";
		if (second.equals("pinsets")) {
			if (size < 4 || size > 5) {
				return false;
			}
			String key = name.getElement(3, Form.UNIFORM);
			boolean perSet = PER_SET.stream().anyMatch((known) -> uniform(known).equals(key));
			return perSet && (size == 4 || (LISTS.contains(key) && name.isNumericIndex(4)));
		}
		List<String> rest = new ArrayList<>();
		for (int i = 1; i < size; i++) {
			rest.add(name.getElement(i, Form.UNIFORM));
		}
		return TOP_LEVEL.stream().anyMatch((known) -> uniform(known).equals(String.join(".", rest)));
	}

	/**
	 * The valid key nearest to the given name, compared without separators (an environment
	 * variable has none), with each of the name's elements tried as the pin set's name.
	 */
	static String nearest(ConfigurationPropertyName name) {
		List<String> elements = elements(name);
		List<String> candidates = new ArrayList<>();
		TOP_LEVEL.forEach((key) -> candidates.add(PREFIX + "." + key));
		for (String setName : elements.subList(1, elements.size())) {
			PER_SET.forEach((key) -> candidates.add(PREFIX + ".pin-sets." + setName + "." + key));
		}
		String target = bare(String.join(".", elements.subList(1, elements.size())));
		return candidates.stream()
			.min(Comparator.comparingInt((String candidate) -> distance(bare(candidate.substring(PREFIX.length() + 1)), target)))
			.orElseThrow();
	}

	/** The name's elements in dashed form, without list indexes. */
	private static List<String> elements(ConfigurationPropertyName name) {
		List<String> elements = new ArrayList<>();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			if (!name.isNumericIndex(i)) {
				elements.add(name.getElement(i, Form.DASHED));
			}
		}
		return elements;
	}

	private static String withoutIndexes(ConfigurationPropertyName name) {
		return String.join(".", elements(name));
	}

	private static String bare(String key) {
		return key.replace("-", "").replace(".", "").toLowerCase(Locale.ROOT);
	}

	private static String describeKeys() {
		return String.join(", ", TOP_LEVEL.stream().map((key) -> PREFIX + "." + key).toList()) + " and, per pin set, "
				+ String.join(", ", PER_SET.stream().map((key) -> PREFIX + ".pin-sets.<name>." + key).toList());
	}

	private static String environmentVariable(String key) {
		return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	private static String uniform(String key) {
		return key.replace("-", "").toLowerCase(Locale.ROOT);
	}

	/** The Levenshtein distance: the fewest single-character edits from one string to the other. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
