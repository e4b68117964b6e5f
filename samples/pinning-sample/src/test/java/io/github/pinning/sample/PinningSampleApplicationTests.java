package io.github.pinning.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.pinning.sample.DemoRunner.DemoCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.pinning.sample.SampleCalls.get;
import static io.github.pinning.sample.SampleCalls.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample end to end: real TLS backends on loopback, the starter's auto-configuration,
 * every client Spring Boot builds, and Actuator over HTTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class PinningSampleApplicationTests {

	@Test
	void pinningLetsTheGenuineAndRotatedKeysThroughAndRefusesTheImpostor(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = PinningSampleApplication.run("--server.port=0")) {
			List<DemoCall> calls = context.getBean(DemoRunner.class).calls();
			assertThat(calls).hasSize(16);
			assertThat(outcomes(calls, "genuine")).containsOnly("OK").hasSize(4);
			assertThat(outcomes(calls, "rotated")).containsOnly("OK").hasSize(4);
			assertThat(outcomes(calls, "report-only")).containsOnly("ALLOWED").hasSize(4);
			assertThat(calls).filteredOn((call) -> call.backend().name().equals("impostor"))
				.hasSize(4)
				.allSatisfy((call) -> {
					assertThat(call.outcome()).isEqualTo("REFUSED");
					assertThat(call.detail())
						.isEqualTo("Certificate pinning failure for impostor.bank.localhost (pin set 'bank')!");
				});

			String prometheus = get(context, "/actuator/prometheus");
			assertThat(prometheus)
				.contains("pinning_checks_total{mode=\"enforce\",outcome=\"match\",pin_set=\"bank\"} 8.0")
				.contains("pinning_checks_total{mode=\"enforce\",outcome=\"violation\",pin_set=\"bank\"} 4.0")
				.contains("pinning_checks_total{mode=\"report-only\",outcome=\"violation\",pin_set=\"partner\"} 4.0")
				.contains("pinning_violations_total{host=\"impostor.bank.localhost\",mode=\"enforce\",pin_set=\"bank\"} 4.0")
				.contains("pinning_expiry_seconds{pin_set=\"bank\"}")
				.contains("pinning_reports_total{outcome=\"suppressed\"}")
				.contains("pinning_matches_total{pin=\"" + pin(context, "bank-current") + "\",pin_set=\"bank\"} 4.0")
				.contains("pinning_matches_total{pin=\"" + pin(context, "bank-backup") + "\",pin_set=\"bank\"} 4.0");
			assertThat(gauge(prometheus, "pinning_lockout_forecast_seconds{pin_set=\"bank\"}") / 86_400)
				.as("days until the current key's certificate expires").isBetween(19.9, 20.0);
			assertThat(metricNames("monitoring/grafana-dashboard.json", "monitoring/prometheus-rules.yml"))
				.as("metrics of the monitoring files")
				.containsExactlyInAnyOrder("pinning_checks_total", "pinning_violations_total", "pinning_expiry_seconds",
						"pinning_reports_total", "pinning_matches_total", "pinning_lockout_forecast_seconds")
				.allSatisfy((name) -> assertThat(prometheus).containsPattern("(?m)^" + name + "\\{"));
			DemoBackends backends = context.getBean(DemoBackends.class);
			assertThat(backends.reportsReceived()).isBetween(1, 2);

			assertThat(get(context, "/actuator/health")).endsWith("\"status\":\"UP\"}")
				.contains("\"pinning\":{\"details\"", "\"status\":\"VIOLATED\"");
			assertThat(get(context, "/actuator/health/pinning")).contains("\"status\":\"VIOLATED\"")
				.contains("\"bank\":{\"mode\":\"enforce\",\"hosts\":[\"**.bank.localhost\"],\"pins\":2")
				.contains("\"lockoutSoon\":true");
			assertThat(get(context, "/actuator/pinning")).contains("\"pinSets\":[")
				.contains("\"host\":\"impostor.bank.localhost\"")
				.contains("\"subject\":\"CN=Corporate Proxy CA\"");
		}
		assertThat(output).contains("CLIENT        BACKEND      HOST                      OUTCOME  DETAIL")
			.contains("WebClient     impostor     impostor.bank.localhost   REFUSED  Certificate pinning failure")
			.contains("RestClient    report-only  partner.localhost         ALLOWED  violation recorded")
			.contains("OpenFeign     impostor     impostor.bank.localhost   REFUSED  Certificate pinning failure")
			.contains("/actuator/health/pinning")
			.contains("Pin set 'bank' may lock its clients out of api.bank.localhost");
	}

	@Test
	void anExpiredPinSetShowsOnItsComponentAndLeavesTheApplicationUp() throws Exception {
		String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
		try (ConfigurableApplicationContext context = PinningSampleApplication.run("--server.port=0",
				"--demo.bank-expires=" + yesterday, "--pinning.health.violation-window=1ms")) {
			assertThat(outcomes(context.getBean(DemoRunner.class).calls(), "impostor"))
				.as("an expired set is no longer enforced").containsOnly("OK");
			assertThat(get(context, "/actuator/health")).endsWith("\"status\":\"UP\"}");
			assertThat(get(context, "/actuator/health/pinning")).contains("\"status\":\"EXPIRED\"")
				.contains("\"expires\":\"" + yesterday + "\"");
		}
	}

	private static String pin(ConfigurableApplicationContext context, String name) {
		return context.getEnvironment().getRequiredProperty("demo.pins." + name);
	}

	private static double gauge(String prometheus, String series) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(prometheus);
		assertThat(matcher.find()).as(series).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	private static Set<String> metricNames(String... files) throws Exception {
		Set<String> names = new TreeSet<>();
		for (String file : files) {
			Matcher matcher = Pattern.compile("\\bpinning_[a-z_]+").matcher(Files.readString(Path.of(file)));
			while (matcher.find()) {
				names.add(matcher.group());
			}
		}
		return names;
	}

	@Test
	void exitsAfterTheTableWhenAskedTo(CapturedOutput output) throws Exception {
		PinningSampleApplication.main(new String[] { "--demo.exit=true", "--server.port=0" });
		assertThat(output).contains("RestTemplate  rotated      rotated.bank.localhost    OK");
	}

}
