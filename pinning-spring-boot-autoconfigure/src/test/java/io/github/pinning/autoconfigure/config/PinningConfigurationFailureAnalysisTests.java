package io.github.pinning.autoconfigure.config;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.pinning.test.ExamplePins.PIN_A;
import static io.github.pinning.test.ExamplePins.PIN_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad {@code pinning.*} value stops start-up with an analysis that names the property,
 * quotes the value, says what is wrong and how to fix it.
 */
class PinningConfigurationFailureAnalysisTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class));

	@ParameterizedTest(name = "pins[1]={0}")
	@CsvSource(delimiter = '|', textBlock = """
			sha1/BOEPZ0vRkXWO0PxC1F4rP8SOV5A=                 | must start with 'sha256/'
			md5/abc                                            | must start with 'sha256/'
			sha256/not*base64                                  | is not valid base64
			sha256/BOEPZ0vRkXWO0PxC1F4rP8SOV5A=               | decodes to 20 bytes, but a SHA-256 hash has 32
			""")
	void badPin(String pin, String reason) {
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com",
				"pinning.pin-sets.payments.pins[0]=" + PIN_A, "pinning.pin-sets.payments.pins[1]=" + pin))
			.satisfies(problem("pinning.pin-sets.payments.pins[1]", pin, reason, "sha256/"));
	}

	@Test
	void emptyPin() {
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com",
				"pinning.pin-sets.payments.pins[0]=" + PIN_A, "pinning.pin-sets.payments.pins[1]="))
			.satisfies(problem("pinning.pin-sets.payments.pins[1]", "", "a pin must not be empty", "sha256/"));
	}

	@ParameterizedTest(name = "hosts[0]={0}")
	@CsvSource(delimiter = '|', textBlock = """
			*.*.example.com       | may hold a wildcard only as its whole leftmost label
			a.*.example.com       | may hold a wildcard only as its whole leftmost label
			*                     | may hold a wildcard only as its whole leftmost label
			example..com          | has an empty label
			exa mple.com          | must not contain spaces
			example.com:8443      | must not contain a port
			https://example.com   | without a scheme
			""")
	void badHostPattern(String host, String reason) {
		assertThat(analysis("pinning.pin-sets.payments.hosts[0]=" + host, "pinning.pin-sets.payments.pins=" + PIN_A
				+ "," + PIN_B))
			.satisfies(problem("pinning.pin-sets.payments.hosts[0]", host, reason, "*.example.com"));
	}

	@Test
	void noHosts() {
		assertThat(analysis("pinning.pin-sets.payments.pins=" + PIN_A + "," + PIN_B))
			.satisfies(problem("pinning.pin-sets.payments.hosts", "(none)", "a pin set needs at least one host",
					"pinning.pin-sets.payments.hosts"));
	}

	@Test
	void noPinsAndNoCertificates() {
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com"))
			.satisfies(problem("pinning.pin-sets.payments.pins", "(none)",
					"a pin set needs at least one pin or certificate", "pinning.pin-sets.payments.certificates"));
	}

	@Test
	void enforcedSetWithOnePin() {
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com", "pinning.pin-sets.payments.pins=" + PIN_A))
			.satisfies(problem("pinning.pin-sets.payments.pins", PIN_A, "an enforced pin set needs at least two pins",
					"pinning.require-backup-pin"));
	}

	@Test
	void enforcedSetWithOnePinTwice() {
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com",
				"pinning.pin-sets.payments.pins=" + PIN_A + "," + PIN_A))
			.satisfies(problem("pinning.pin-sets.payments.pins", PIN_A + "," + PIN_A, "but it has one", "backup pin"));
	}

	@Test
	void reportOnlySetWithOnePinStarts() {
		this.runner
			.withPropertyValues("pinning.pin-sets.payments.hosts=api.example.com",
					"pinning.pin-sets.payments.pins=" + PIN_A, "pinning.pin-sets.payments.mode=report-only")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest(name = "expires={0}")
	@CsvSource({ "2027-02-30", "30.06.2027", "tomorrow", "2027-6-3" })
	void unparsableExpiry(String expires) {
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com",
				"pinning.pin-sets.payments.pins=" + PIN_A + "," + PIN_B, "pinning.pin-sets.payments.expires=" + expires))
			.satisfies(problem("pinning.pin-sets.payments.expires", expires, "is not a date in the form yyyy-MM-dd",
					"Set 'pinning.pin-sets.payments.expires' to a date"));
	}

	@Test
	void missingCertificateFile(@TempDir Path directory) {
		String location = directory.resolve("missing.pem").toUri().toString();
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com",
				"pinning.pin-sets.payments.certificates=" + location))
			.satisfies(problem("pinning.pin-sets.payments.certificates[0]", location, "no file exists at",
					"a PEM file"));
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com",
				"pinning.pin-sets.payments.certificates=classpath:nothing/here.pem"))
			.satisfies(problem("pinning.pin-sets.payments.certificates[0]", "classpath:nothing/here.pem",
					"no file exists at", "a PEM file"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			text.pem   | no certificate here
			empty.pem  | ''
			""")
	void certificateFileWithoutCertificates(String file, String content, @TempDir Path directory) throws Exception {
		String location = Files.writeString(directory.resolve(file), content).toUri().toString();
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com",
				"pinning.pin-sets.payments.certificates=" + location))
			.satisfies(problem("pinning.pin-sets.payments.certificates[0]", location, "holds no readable certificate",
					"a PEM file"));
	}

	@Test
	void onePatternInTwoSets() {
		assertThat(analysis("pinning.pin-sets.first.hosts=*.example.com", "pinning.pin-sets.first.pins=" + PIN_A + ","
				+ PIN_B, "pinning.pin-sets.second.hosts=api.example.org,*.EXAMPLE.com.",
				"pinning.pin-sets.second.pins=" + PIN_A + "," + PIN_B))
			.satisfies(problem("pinning.pin-sets.second.hosts[1]", "*.EXAMPLE.com.",
					"host pattern '*.example.com' is already in pin set 'first'", "in one pin set only"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "pinning.mode, strict, 'a mode: ''enforce'' or ''report-only'''",
			"pinning.pin-sets.payments.mode, block, 'a mode: ''enforce'' or ''report-only'''",
			"pinning.require-backup-pin, maybe, true or false", "pinning.health.violation-window, soon, a duration" })
	void unconvertibleValue(String property, String value, String expected) {
		assertThat(analysis("pinning.pin-sets.payments.hosts=api.example.com",
				"pinning.pin-sets.payments.pins=" + PIN_A + "," + PIN_B, property + "=" + value))
			.satisfies(problem(property, value, "is not " + expected, "Set '" + property + "' to " + expected));
	}

	@Test
	void reportsEveryProblemAtOnce() {
		FailureAnalysis analysis = analysis("pinning.pin-sets.payments.hosts=api.example.com,bad host",
				"pinning.pin-sets.payments.pins=" + PIN_A + ",sha1/x", "pinning.pin-sets.other.hosts=ok.example.com");
		assertThat(analysis.getDescription()).contains("pinning.pin-sets.payments.hosts[1]",
				"pinning.pin-sets.payments.pins[1]", "pinning.pin-sets.other.pins");
	}

	private FailureAnalysis analysis(String... properties) {
		FailureAnalysis[] result = new FailureAnalysis[1];
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new PinningBindFailureAnalyzer().analyze(failure);
			if (analysis == null) {
				analysis = new InvalidPinningConfigurationFailureAnalyzer().analyze(failure);
			}
			assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
			result[0] = analysis;
		});
		return result[0];
	}

	private static java.util.function.Consumer<FailureAnalysis> problem(String property, String value, String reason,
			String action) {
		return (analysis) -> {
			String quotedValue = value.equals("(none)") ? "Value: (none)" : "Value: \"" + value + "\"";
			assertThat(analysis.getDescription()).startsWith("The pinning configuration is invalid:")
				.contains("Property: " + property + "\n    " + quotedValue + "\n    Reason: ")
				.contains(reason);
			assertThat(analysis.getAction()).contains(action);
		};
	}

}
