package io.github.pinning.autoconfigure.config;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.test.Cases;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.pinning.test.ExamplePins.PIN_A;
import static io.github.pinning.test.ExamplePins.PIN_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated {@code pinning.*} configurations either start or fail with a failure analysis that
 * names a {@code pinning.} property: never a bare stack trace.
 */
class ConfigurationCasesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class));

	@Test
	void everyConfigurationStartsOrIsExplainedByProperty() {
		int[] outcomes = new int[2];
		Cases.check(400, (random) -> {
			List<String> properties = properties(random);
			this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
				if (context.getStartupFailure() == null) {
					outcomes[0]++;
					return;
				}
				outcomes[1]++;
				Throwable failure = context.getStartupFailure();
				FailureAnalysis analysis = new PinningBindFailureAnalyzer().analyze(failure);
				if (analysis == null) {
					analysis = new InvalidPinningConfigurationFailureAnalyzer().analyze(failure);
				}
				assertThat(analysis).as("analysis of %s for %s", failure, properties).isNotNull();
				assertThat(analysis.getDescription()).contains("Property: pinning.");
				assertThat(analysis.getAction()).isNotBlank();
			});
		});
		assertThat(outcomes[0]).as("configurations that started").isPositive();
		assertThat(outcomes[1]).as("configurations that were refused").isPositive();
	}

	private static List<String> properties(SplittableRandom random) {
		List<String> properties = new ArrayList<>();
		int sets = random.nextInt(4);
		for (int set = 0; set < sets; set++) {
			String prefix = "pinning.pin-sets." + Cases.oneOf(random, "a", "b", "payments", "x-y") + set;
			int hosts = random.nextInt(3);
			for (int i = 0; i < hosts; i++) {
				properties.add(prefix + ".hosts[" + i + "]=" + value(random, "api.example.com", "*.example.com",
						"**.example.org", "example.com:443", "*.*.x", "a.*.b", "https://x.test", "", "bücher.example",
						"[::1]", "300.1.1.1", "two words.test"));
			}
			int pins = random.nextInt(3);
			for (int i = 0; i < pins; i++) {
				properties.add(prefix + ".pins[" + i + "]=" + value(random, PIN_A, PIN_B, "sha1/abc", "sha256/!!", "",
						"sha256/BOEPZ0vRkXWO0PxC1F4rP8SOV5A="));
			}
			if (random.nextBoolean()) {
				properties.add(prefix + ".mode=" + value(random, "enforce", "report-only", "REPORT_ONLY", "block"));
			}
			if (random.nextBoolean()) {
				properties.add(prefix + ".expires=" + value(random, "2027-06-30", "2027-02-30", "tomorrow", ""));
			}
			if (random.nextInt(4) == 0) {
				properties.add(prefix + ".certificates[0]=" + value(random, "classpath:missing.pem", "file:/nope.pem"));
			}
		}
		if (random.nextInt(3) == 0) {
			properties.add("pinning.mode=" + value(random, "enforce", "report-only", "strict"));
		}
		if (random.nextInt(3) == 0) {
			properties.add("pinning.require-backup-pin=" + value(random, "true", "false", "maybe"));
		}
		if (random.nextInt(4) == 0) {
			properties.add("pinning.health.violation-window=" + value(random, "15m", "2h", "soon", "-"));
		}
		if (random.nextInt(4) == 0) {
			properties.add("pinning.jvm-default=" + value(random, "false", "nope"));
		}
		return properties;
	}

	private static String value(SplittableRandom random, String... values) {
		return (random.nextInt(10) == 0) ? Cases.unicode(random, random.nextInt(12)) : Cases.oneOf(random, values);
	}

}
