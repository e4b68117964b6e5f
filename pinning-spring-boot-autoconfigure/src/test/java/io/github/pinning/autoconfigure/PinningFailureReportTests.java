package io.github.pinning.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real application start-up reports bad pinning configuration through the analyzers that
 * {@code META-INF/spring.factories} registers, ahead of Spring Boot's generic ones.
 */
@ExtendWith(OutputCaptureExtension.class)
class PinningFailureReportTests {

	@Test
	void invalidPinIsReportedByName(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--pinning.pin-sets.payments.hosts=api.example.com",
				"--pinning.pin-sets.payments.pins=sha1/BOEPZ0vRkXWO0PxC1F4rP8SOV5A="));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: pinning.pin-sets.payments.pins[0]")
			.contains("Value: \"sha1/BOEPZ0vRkXWO0PxC1F4rP8SOV5A=\"")
			.contains("must start with 'sha256/'")
			.contains("Write each pin as 'sha256/'");
	}

	@Test
	void unconvertibleModeIsReportedInTheWordsOfThePropertyNotTheConverter(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--pinning.mode=strict"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: pinning.mode")
			.contains("Reason: 'strict' is not a mode: 'enforce' or 'report-only'")
			.doesNotContain("Failed to bind properties under");
	}

	private static void run(String... arguments) {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(arguments).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(PinningAutoConfiguration.class)
	static class Application {

	}

}
