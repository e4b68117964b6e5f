package io.github.pinning.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.pinning.Pin;
import okhttp3.tls.HeldCertificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * Benchmark 4: the start-up of a non-web application that builds a {@link RestClient}, with the
 * starter and five pin sets, and with the starter's auto-configurations excluded. Each fork
 * starts the application once in a fresh JVM, as an application starts.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(20)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartupBenchmark {

	private static final String PINNING_AUTO_CONFIGURATIONS = String.join(",",
			List.of("io.github.pinning.autoconfigure.PinningAutoConfiguration",
					"io.github.pinning.autoconfigure.jvm.PinningJvmDefaultAutoConfiguration",
					"io.github.pinning.autoconfigure.http.PinningHttpClientAutoConfiguration",
					"io.github.pinning.autoconfigure.metrics.PinningMetricsAutoConfiguration",
					"io.github.pinning.autoconfigure.health.PinningHealthContributorAutoConfiguration",
					"io.github.pinning.autoconfigure.endpoint.PinningEndpointAutoConfiguration",
					"io.github.pinning.autoconfigure.event.PinningEventAutoConfiguration",
					"io.github.pinning.autoconfigure.report.PinningReportAutoConfiguration"));

	private final Map<String, Object> pinSets = new LinkedHashMap<>();

	@Setup
	public void setUp() {
		for (int i = 1; i <= 5; i++) {
			String prefix = "pinning.pin-sets.set" + i;
			this.pinSets.put(prefix + ".hosts", "api" + i + ".example.com,*.svc" + i + ".example.com");
			this.pinSets.put(prefix + ".pins", pin() + "," + pin());
			this.pinSets.put(prefix + ".expires", "2099-12-31");
		}
	}

	private static String pin() {
		return Pin.of(new HeldCertificate.Builder().build().certificate()).toString();
	}

	@Benchmark
	public void withoutPinning() {
		start(Map.of("spring.autoconfigure.exclude", PINNING_AUTO_CONFIGURATIONS));
	}

	@Benchmark
	public void withPinning() {
		start(this.pinSets);
	}

	private static void start(Map<String, Object> properties) {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		application.setLogStartupInfo(false);
		application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
		try (ConfigurableApplicationContext context = application.run("--logging.level.root=warn")) {
			context.getBean(RestClient.class);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RestClient restClient(RestClient.Builder builder) {
			return builder.build();
		}

	}

}
