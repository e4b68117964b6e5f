package io.github.pinning.autoconfigure.config;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.pinning.PinningMode;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE learns from the jar's configuration metadata: a description for every key, the
 * modes as value hints (the same values {@link PinningMode} binds), and {@code certificates} as
 * resources.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void describesEveryKeyAndHintsTheModesAndTheCertificateResources() throws Exception {
		Map<String, Object> metadata;
		try (InputStream input = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readValue(input, new TypeReference<Map<String, Object>>() {
			});
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		assertThat(properties).filteredOn((property) -> String.valueOf(property.get("name")).startsWith("pinning."))
			.isNotEmpty()
			.allSatisfy((property) -> assertThat(property).containsKey("description"));
		Map<String, Map<String, Object>> hints = new HashMap<>();
		for (Map<String, Object> hint : (List<Map<String, Object>>) metadata.get("hints")) {
			hints.put((String) hint.get("name"), hint);
		}
		List<String> modes = Arrays.stream(PinningMode.values()).map(PinningMode::value).toList();
		for (String key : List.of("pinning.mode", "pinning.pin-sets.values.mode")) {
			assertThat((List<Map<String, Object>>) hints.get(key).get("values")).as(key)
				.extracting((value) -> value.get("value"))
				.containsExactlyElementsOf(modes);
		}
		assertThat(hints.get("pinning.pin-sets.values.certificates").get("providers")).asString()
			.contains("handle-as", "org.springframework.core.io.Resource");
		Map<String, Object> pinSets = properties.stream()
			.filter((property) -> "pinning.pin-sets".equals(property.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(pinSets.get("type")).as("the value type an IDE completes the per-set keys from")
			.isEqualTo("java.util.Map<java.lang.String," + PinningProperties.PinSetProperties.class.getName() + ">");
		assertThat(perSetKeys()).isNotEmpty()
			.allSatisfy((key) -> assertThat((String) pinSets.get("description")).contains("'" + key + "'"));
	}

	/** The keys of one pin set, from the setters of its properties class, in kebab case. */
	private static List<String> perSetKeys() {
		return Arrays.stream(PinningProperties.PinSetProperties.class.getMethods())
			.filter((method) -> method.getName().startsWith("set") && method.getParameterCount() == 1)
			.map((method) -> method.getName().substring(3).replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT))
			.toList();
	}

}
