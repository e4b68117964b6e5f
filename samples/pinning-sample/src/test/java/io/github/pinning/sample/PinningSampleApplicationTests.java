package io.github.pinning.sample;

import java.util.List;

import io.github.pinning.sample.DemoRunner.DemoCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample end to end: real TLS backends on loopback, the starter's auto-configuration,
 * and every client Spring Boot builds.
 */
@ExtendWith(OutputCaptureExtension.class)
class PinningSampleApplicationTests {

	@Test
	void pinningLetsTheGenuineAndRotatedKeysThroughAndRefusesTheImpostor(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = PinningSampleApplication.run("--server.port=0")) {
			List<DemoCall> calls = context.getBean(DemoRunner.class).calls();
			assertThat(calls).hasSize(12);
			assertThat(calls).filteredOn((call) -> call.backend().name().equals("impostor"))
				.hasSize(3)
				.allSatisfy((call) -> {
					assertThat(call.outcome()).isEqualTo("REFUSED");
					assertThat(call.detail())
						.isEqualTo("Certificate pinning failure for impostor.bank.localhost (pin set 'bank')!");
				});
			assertThat(calls).filteredOn((call) -> !call.backend().name().equals("impostor"))
				.hasSize(9)
				.allSatisfy((call) -> assertThat(call.outcome()).as("%s", call).isEqualTo("OK"));
		}
		assertThat(output).contains("CLIENT        BACKEND      HOST                      OUTCOME  DETAIL")
			.contains("WebClient     impostor     impostor.bank.localhost   REFUSED  Certificate pinning failure")
			.contains("/actuator/health/pinning");
	}

	@Test
	void exitsAfterTheTableWhenAskedTo(CapturedOutput output) throws Exception {
		PinningSampleApplication.main(new String[] { "--demo.exit=true", "--server.port=0" });
		assertThat(output).contains("RestTemplate  rotated      rotated.bank.localhost    OK");
	}

}
