package io.github.pinning.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's alert rules and dashboard on a real Prometheus, as an operator runs them:
 * Prometheus starts first, scraping the sample every second with its rules loaded; the sample
 * starts and refuses its impostor at start-up, before or around Prometheus's first scrape of
 * it: for those violations alone the critical alert must fire for the pin set, naming the
 * host. Then the application refuses it again while it runs, and every expression of every
 * dashboard panel must evaluate to series, those of the violations non-zero. The rules' own
 * unit tests run through {@code promtool}. Where Prometheus is not installed (Debian's package
 * {@code prometheus}), these tests are skipped and say so; CI installs it.
 */
class MonitoringStackTests {

	private static final Path RULES = Path.of("monitoring/prometheus-rules.yml");

	private static final Path RULE_TESTS = Path.of("monitoring/prometheus-rules-test.yml");

	private static final Path DASHBOARD = Path.of("monitoring/grafana-dashboard.json");

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final ObjectMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void theRulesPassTheirUnitTests() throws Exception {
		Path promtool = executable("promtool");
		Process process = new ProcessBuilder(promtool.toString(), "test", "rules", RULE_TESTS.getFileName().toString())
			.directory(RULE_TESTS.getParent().toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("SUCCESS");
	}

	@Test
	void theDashboardIsImportableIntoGrafana() throws Exception {
		JsonNode dashboard = this.json.readTree(Files.readString(DASHBOARD));
		assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(30);
		assertThat(dashboard.path("uid").asString()).isNotBlank();
		JsonNode variable = dashboard.path("templating").path("list").get(0);
		assertThat(variable.path("name").asString()).isEqualTo("datasource");
		assertThat(variable.path("type").asString()).isEqualTo("datasource");
		assertThat(variable.path("query").asString()).isEqualTo("prometheus");
		List<String> uids = new ArrayList<>();
		collectDatasourceUids(dashboard.path("panels"), uids);
		assertThat(uids).as("every panel and target names the datasource variable, never a fixed uid")
			.isNotEmpty()
			.containsOnly("${datasource}");
		assertThat(expressions(dashboard)).hasSizeGreaterThanOrEqualTo(dashboard.path("panels").size());
	}

	@Test
	void theCriticalAlertFiresAndEveryPanelShowsTheViolations(@TempDir Path directory) throws Exception {
		Path prometheusBinary = executable("prometheus");
		int samplePort = freePort();
		int prometheusPort = freePort();
		Path config = directory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files: ["%s"]
				scrape_configs:
				  - job_name: pinning-sample
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ["127.0.0.1:%d"]
				""".formatted(RULES.toAbsolutePath(), samplePort));
		Process prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort,
				"--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("prometheus.log").toFile())
			.start();
		String api = "http://127.0.0.1:" + prometheusPort;
		try {
			awaitUntil("Prometheus is ready", () -> status(api + "/-/ready") == 200);
			try (ConfigurableApplicationContext sample = PinningSampleApplication.run("--server.port=" + samplePort)) {
				awaitUntil("Prometheus scraped the sample",
						() -> !query(api, "up{job=\"pinning-sample\"} == 1").isEmpty());
				// The violations of the start-up alone, which happened before or around the first
				// scrape: the attack itself must page.
				JsonNode violation = awaitAlert(api, "CertificatePinningViolation", "bank", "impostor.bank.localhost");
				assertThat(violation.path("labels").path("severity").asString()).isEqualTo("critical");
				awaitAlert(api, "CertificatePinningReportOnlyViolation", "partner", "partner.localhost");
				assertThat(alerts(api)).as("a report-only set never pages as critical")
					.noneMatch((alert) -> alert.path("labels").path("pin_set").asString().equals("partner")
							&& alert.path("labels").path("severity").asString().equals("critical"));

				// Later traffic through the running application, twice, so that rates see it.
				DemoRunner demo = sample.getBean(DemoRunner.class);
				for (int i = 0; i < 2; i++) {
					Thread.sleep(2_500);
					demo.run(new DefaultApplicationArguments());
				}
				Thread.sleep(2_500);
				// Every expression evaluates to series (a misspelled metric yields none); those of
				// the violations show them. Matches may stay flat here: later calls to the genuine
				// servers reuse pooled connections and resumed sessions, which are not checked again.
				for (String expression : expressions(this.json.readTree(Files.readString(DASHBOARD)))) {
					List<JsonNode> series = query(api, expression);
					assertThat(series).as("dashboard expression %s", expression).isNotEmpty();
					if (expression.contains("violation")) {
						assertThat(series).as("dashboard expression %s", expression)
							.anySatisfy((result) -> assertThat(value(result)).as("%s: %s", expression, result).isNotZero());
					}
				}
			}
		}
		finally {
			prometheus.destroy();
			if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
				prometheus.destroyForcibly();
			}
		}
	}

	/**
	 * Waits for an alert of a pin set to fire with a description that names a host. The
	 * description is made again at every evaluation: a scrape that reads the violations by host
	 * just before a violation and the checks just after it fires the alert without its host,
	 * until the next scrape.
	 */
	private JsonNode awaitAlert(String api, String name, String pinSet, String host) throws Exception {
		Predicate<JsonNode> wanted = (alert) -> alert.path("labels").path("alertname").asString().equals(name)
				&& alert.path("labels").path("pin_set").asString().equals(pinSet)
				&& alert.path("state").asString().equals("firing")
				&& alert.path("annotations").path("description").asString().contains(host);
		awaitUntil(name + " firing for " + pinSet + " naming " + host, () -> alerts(api).stream().anyMatch(wanted));
		return alerts(api).stream().filter(wanted).findFirst().orElseThrow();
	}

	private List<JsonNode> alerts(String api) throws Exception {
		return List.copyOf(data(api + "/api/v1/alerts").path("alerts").values());
	}

	/** Evaluates an expression; fails on an error, so a broken expression fails the test. */
	private List<JsonNode> query(String api, String expression) throws Exception {
		JsonNode data = data(api + "/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
		return List.copyOf(data.path("result").values());
	}

	private JsonNode data(String url) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				BodyHandlers.ofString());
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("status").asString()).as("%s: %s", url, response.body()).isEqualTo("success");
		return body.path("data");
	}

	private int status(String url) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException | InterruptedException ex) {
			return -1;
		}
	}

	private static double value(JsonNode result) {
		return Double.parseDouble(result.path("value").get(1).asString());
	}

	private static List<String> expressions(JsonNode dashboard) {
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels").values()) {
			for (JsonNode target : panel.path("targets").values()) {
				expressions.add(target.path("expr").asString());
			}
		}
		return expressions;
	}

	private static void collectDatasourceUids(JsonNode node, List<String> uids) {
		if (node.isObject()) {
			JsonNode datasource = node.get("datasource");
			if (datasource != null && datasource.isObject()) {
				uids.add(datasource.path("uid").asString());
			}
		}
		for (JsonNode child : node.values()) {
			collectDatasourceUids(child, uids);
		}
	}

	private static void awaitUntil(String what, Check check) throws Exception {
		Instant deadline = Instant.now().plus(PATIENCE);
		while (!check.holds()) {
			assertThat(Instant.now()).as("waited %s for: %s", PATIENCE, what).isBefore(deadline);
			Thread.sleep(500);
		}
	}

	private static Path executable(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String reason = name + " is not installed (Debian's package 'prometheus'); the monitoring stack test is"
				+ " skipped. CI installs it.";
		System.err.println(reason);
		Assumptions.abort(reason);
		throw new IllegalStateException(reason);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean holds() throws Exception;

	}

}
