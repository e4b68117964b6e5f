package io.github.pinning.sample;

import java.util.List;

import io.github.pinning.autoconfigure.jvm.JvmDefaultSslContext;
import io.github.pinning.sample.DemoRunner.DemoCall;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.pinning.sample.SampleCalls.get;
import static io.github.pinning.sample.SampleCalls.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample started from the context that Spring AOT generated at build time
 * ({@code process-aot}), as a native image starts: pinning, metrics and reports work, and the
 * pinning properties given only at run time still apply. Runs after {@code process-aot}, with
 * {@code -Dspring.aot.enabled=true}.
 */
class PinningSampleAotTests {

	@Test
	void pinsCountsAndReportsFromTheAheadOfTimeContext() throws Exception {
		assertThat(AotDetector.useGeneratedArtifacts()).as("spring.aot.enabled").isTrue();
		assertThat(Class.forName(PinningSampleApplication.class.getName() + "__ApplicationContextInitializer"))
			.as("the context initializer that process-aot generated")
			.isNotNull();
		try (ConfigurableApplicationContext context = PinningSampleApplication.run("--server.port=0",
				"--pinning.jvm-default=true")) {
			List<DemoCall> calls = context.getBean(DemoRunner.class).calls();
			assertThat(outcomes(calls, "genuine")).containsOnly("OK").hasSize(4);
			assertThat(outcomes(calls, "impostor")).containsOnly("REFUSED").hasSize(4);
			assertThat(outcomes(calls, "report-only")).containsOnly("ALLOWED").hasSize(4);
			assertThat(get(context, "/actuator/prometheus"))
				.contains("pinning_checks_total{mode=\"enforce\",outcome=\"violation\",pin_set=\"bank\"} 4.0")
				.contains("pinning_matches_total{pin=\"" + context.getEnvironment().getProperty("demo.pins.bank-current")
						+ "\",pin_set=\"bank\"} 4.0");
			// The report collector is a new server on a new port in every run: the URI is the run's own.
			assertThat(context.getBean(DemoBackends.class).reportsReceived()).isBetween(1, 2);
			assertThat(context.getBean(JvmDefaultSslContext.class).isInstalled())
				.as("pinning.jvm-default given only at run time").isTrue();
		}
	}

	@Test
	void pinningCanBeSwitchedOffAtRunTime() throws Exception {
		try (ConfigurableApplicationContext context = PinningSampleApplication.run("--server.port=0",
				"--pinning.enabled=false")) {
			assertThat(outcomes(context.getBean(DemoRunner.class).calls(), "impostor")).containsOnly("OK");
		}
	}

}
