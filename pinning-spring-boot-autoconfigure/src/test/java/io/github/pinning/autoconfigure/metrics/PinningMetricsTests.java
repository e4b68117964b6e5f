package io.github.pinning.autoconfigure.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningPolicy;
import io.github.pinning.report.ReportOutcome;
import io.github.pinning.test.MutableClock;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.Violations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class PinningMetricsTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private static final TestPki pki = backends.pki();

	private final ApplicationContextRunner runner = backends.pinnedClientsRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				PinningMetricsAutoConfiguration.class));

	@Test
	void countsEveryCheckExactlyUnderConcurrency() {
		int threads = 8;
		int callsPerThread = 25;
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				List<Future<Boolean>> calls = new ArrayList<>();
				for (int i = 0; i < threads * callsPerThread; i++) {
					calls.add(executor.submit(call(client, backends.genuine())));
					calls.add(executor.submit(call(client, backends.rogue())));
				}
				int succeeded = 0;
				for (Future<Boolean> call : calls) {
					succeeded += call.get(60, TimeUnit.SECONDS) ? 1 : 0;
				}
				assertThat(succeeded).isEqualTo(threads * callsPerThread);
			}
			finally {
				executor.shutdownNow();
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "pinning.checks", "outcome", "match")).isEqualTo(threads * callsPerThread);
			assertThat(count(registry, "pinning.checks", "outcome", "violation")).isEqualTo(threads * callsPerThread);
			assertThat(count(registry, "pinning.checks", "outcome", "expired")).isZero();
			assertThat(registry.get("pinning.violations")
				.tag("pin.set", "local")
				.tag("mode", "enforce")
				.tag("host", "localhost")
				.counter()
				.count()).isEqualTo(threads * callsPerThread);
		});
	}

	private static Callable<Boolean> call(RestClient client, TlsServer server) {
		return () -> catchThrowable(
				() -> client.get().uri(TestBackends.url(server)).retrieve().body(String.class)) == null;
	}

	private static double count(MeterRegistry registry, String name, String tag, String value) {
		return registry.get(name).tag("pin.set", "local").tag("mode", "enforce").tag(tag, value).counter().count();
	}

	@Test
	void capsTheHostTagOfEachPinSet() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		PinSet pinSet = Violations.pinSet(pki, "wide", "**.example.com");
		PinningMetrics metrics = metrics(registry, PinningPolicy.of(pinSet), java.time.Clock.systemUTC());
		for (int i = 0; i < 150; i++) {
			metrics.onViolation(Violations.rogue(pki, pinSet, "Host" + i + ".example.com", Instant.now()));
		}
		metrics.onViolation(Violations.rogue(pki, pinSet, "host1.example.com", Instant.now()));
		List<Counter> counters = new ArrayList<>(registry.get("pinning.violations").counters());
		assertThat(counters).hasSize(PinningMetrics.MAX_HOSTS_PER_PIN_SET + 1);
		assertThat(counters.stream().mapToDouble(Counter::count).sum()).isEqualTo(151);
		assertThat(registry.get("pinning.violations").tag("host", "other").counter().count()).isEqualTo(50);
		assertThat(registry.get("pinning.violations").tag("host", "host1.example.com").counter().count()).isEqualTo(2);
	}

	@Test
	void gaugesTheTimeUntilEachExpiringSetExpires() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		PinSet expiring = Violations.pinSet(pki, "expiring", "a.example.com").withExpires(LocalDate.of(2027, 1, 1));
		PinSet forever = Violations.pinSet(pki, "forever", "b.example.com");
		MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
		metrics(registry, PinningPolicy.of(expiring, forever), clock);
		TimeGauge gauge = registry.get("pinning.expiry").tag("pin.set", "expiring").timeGauge();
		assertThat(gauge.value(TimeUnit.SECONDS)).isEqualTo(86_400);
		clock.advance(java.time.Duration.ofDays(2));
		assertThat(gauge.value(TimeUnit.SECONDS)).isEqualTo(-86_400);
		assertThat(registry.find("pinning.expiry").tag("pin.set", "forever").timeGauge()).isNull();
		assertThat(LocalDate.of(2027, 1, 1).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
			.isEqualTo(expiring.expiresAt());
	}

	@Test
	void countsReportsByOutcome() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		PinningMetrics metrics = metrics(registry, PinningPolicy.empty(), java.time.Clock.systemUTC());
		metrics.onReport(ReportOutcome.SENT);
		metrics.onReport(ReportOutcome.SUPPRESSED);
		metrics.onReport(ReportOutcome.SUPPRESSED);
		assertThat(registry.get("pinning.reports").tag("outcome", "sent").counter().count()).isEqualTo(1);
		assertThat(registry.get("pinning.reports").tag("outcome", "suppressed").counter().count()).isEqualTo(2);
		assertThat(registry.get("pinning.reports").tag("outcome", "failed").counter().count()).isZero();
		assertThat(registry.get("pinning.reports").tag("outcome", "dropped").counter().count()).isZero();
	}

	private static PinningMetrics metrics(MeterRegistry registry, PinningPolicy policy, java.time.Clock clock) {
		return new PinningMetrics(registry, LivePinningPolicy.of(policy), new PinningHistory(PinningHistory.DEFAULT_CAPACITY, clock),
				java.time.Duration.ofMinutes(15), clock);
	}

	@Test
	void backsOffWithoutAMeterRegistryOrWithoutMicrometer() {
		ApplicationContextRunner withoutRegistry = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(io.github.pinning.autoconfigure.PinningAutoConfiguration.class,
					PinningMetricsAutoConfiguration.class))
			.withPropertyValues(backends.pinSet());
		withoutRegistry.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PinningMetrics.class));
		withoutRegistry.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(PinningMetrics.class));
		withoutRegistry.withBean(SimpleMeterRegistry.class)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PinningMetrics.class));
	}

}
