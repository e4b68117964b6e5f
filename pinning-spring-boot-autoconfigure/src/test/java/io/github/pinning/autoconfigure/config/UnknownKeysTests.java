package io.github.pinning.autoconfigure.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import static io.github.pinning.test.ExamplePins.PIN_A;
import static io.github.pinning.test.ExamplePins.PIN_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configurations that would otherwise start with pinning silently off or incomplete, written
 * in an {@code application.yml} as a user would: each fails start-up naming the key, its file
 * and line, and the nearest valid key.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownKeysTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class));

	@TempDir
	Path directory;

	@Test
	void aSingularPinSetIsAnUnknownKey() throws IOException {
		Problem problem = problems("""
				pinning:
				  pin-set:
				    payments:
				      hosts: [api.example.com]
				      pins: [%s, %s]
				""").get(0);
		assertThat(problem.property()).isEqualTo("pinning.pin-set.payments.hosts");
		assertThat(problem.value()).isEqualTo("api.example.com");
		assertThat(problem.reason()).contains("no such key", "application.yml", "4:");
		assertThat(problem.action()).startsWith("Did you mean 'pinning.pin-sets.payments.hosts'?");
	}

	@Test
	void aMisspelledPrefixIsCaught() throws IOException {
		List<Problem> problems = problems("""
				pining:
				  pin-sets:
				    payments:
				      hosts: [api.example.com]
				      pins: [%s, %s]
				""");
		assertThat(problems).hasSize(2).allSatisfy((problem) -> {
			assertThat(problem.property()).startsWith("pining.pin-sets.payments.");
			assertThat(problem.reason()).contains("the prefix 'pining' is not 'pinning'");
			assertThat(problem.action()).startsWith("Did you mean 'pinning.pin-sets.payments.");
		});
	}

	@Test
	void aPinSetNameWithADotIsExplained() throws IOException {
		Problem problem = problems("""
				pinning:
				  pin-sets:
				    api.example.com:
				      hosts: [api.example.com]
				      pins: [%s, %s]
				""").get(0);
		assertThat(problem.property()).isEqualTo("pinning.pin-sets.api.example.com.hosts");
		assertThat(problem.reason()).contains("a pin set's name cannot contain a dot", "read as 'api'",
				"pinning.pin-sets[api.example.com].hosts");
	}

	@Test
	void aPinSetNameInBracketsMayHoldDots() throws IOException {
		withYaml("""
				pinning:
				  pin-sets:
				    "[api.example.com]":
				      hosts: [api.example.com]
				      pins: [%s, %s]
				""").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(PinningPolicy.class).pinSetFor("api.example.com").name())
				.isEqualTo("api.example.com");
		});
	}

	@Test
	void pinForPinsNamesTheKey() throws IOException {
		Problem problem = onlyProblem("""
				pinning:
				  pin-sets:
				    payments:
				      hosts: [api.example.com]
				      pin: [%s, %s]
				""");
		assertThat(problem.property()).isEqualTo("pinning.pin-sets.payments.pin");
		assertThat(problem.action()).startsWith("Did you mean 'pinning.pin-sets.payments.pins'?");
	}

	@Test
	void aNonBooleanEnabledFailsStartUp() throws IOException {
		withYaml("""
				pinning:
				  enabled: flase
				""").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("pinning.enabled")
				.hasStackTraceContaining("flase");
		});
	}

	@Test
	void environmentVariablesThatAreNoPinningKeyAreOnlyLogged(CapturedOutput output) {
		PropertySource<?> variables = new SystemEnvironmentPropertySource("systemEnvironment",
				Map.of("PINNING_PIN_SETS_X_HOSTS", "a.example.com", "PINNING_SERVICE_HOST", "10.0.0.7"));
		this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources().addLast(variables))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Ignoring the environment variable \"PINNING_PIN_SETS_X_HOSTS\"")
					.contains("'pinning.pin.sets.x.hosts' is not a pinning key")
					.contains("as an environment variable PINNING_PINSETS_X_HOSTS")
					.contains("'pinning.service.host' is not a pinning key");
			});
	}

	private Problem onlyProblem(String yaml) throws IOException {
		List<Problem> problems = problems(yaml);
		assertThat(problems).hasSize(1);
		return problems.get(0);
	}

	private List<Problem> problems(String yaml) throws IOException {
		InvalidPinningConfigurationException[] failure = new InvalidPinningConfigurationException[1];
		withYaml(yaml).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidPinningConfigurationException.class);
			failure[0] = (InvalidPinningConfigurationException) rootCause(context.getStartupFailure());
		});
		return failure[0].getProblems();
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/** The runner with an application.yml of the given content, the pins filled in. */
	private ApplicationContextRunner withYaml(String content) {
		PropertySource<?> source = yaml(content);
		return this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(source));
	}

	private PropertySource<?> yaml(String content) {
		try {
			Path file = Files.writeString(this.directory.resolve("application.yml"), content.formatted(PIN_A, PIN_B));
			return new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(file)).get(0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
