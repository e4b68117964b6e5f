package io.github.pinning.autoconfigure;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.pinning.autoconfigure.health.PinningHealthContributorAutoConfiguration;
import io.github.pinning.autoconfigure.health.PinningHealthIndicator;
import io.github.pinning.autoconfigure.metrics.PinningMetricsAutoConfiguration;
import io.github.pinning.test.MutableClock;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A rotation seen from the client: the server first serves a leaf whose key is the current
 * pin and which expires in ten days, then renews it with the backup key. The matches meter,
 * the lockout forecast (gauge, health detail, log) follow it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RotationWatchTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private static final TestPki pki = backends.pki();

	private static final Instant NOW = Instant.now();

	private static final HeldCertificate current = leaf(Duration.ofDays(10));

	private static final HeldCertificate backup = leaf(Duration.ofDays(400));

	private final MutableClock clock = new MutableClock(NOW);

	private final ApplicationContextRunner runner = backends.pinnedClientsRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				PinningMetricsAutoConfiguration.class, PinningHealthContributorAutoConfiguration.class))
		.withBean(Clock.class, () -> this.clock)
		.withPropertyValues("pinning.pin-sets.local.pins=" + TestPki.pin(current) + "," + TestPki.pin(backup),
				"pinning.health.violation-window=15m", "pinning.health.expiry-warning=30d");

	private static HeldCertificate leaf(Duration validity) {
		return new HeldCertificate.Builder().commonName("localhost")
			.addSubjectAlternativeName("localhost")
			.validityInterval(NOW.minus(Duration.ofHours(1)).toEpochMilli(), NOW.plus(validity).toEpochMilli())
			.signedBy(pki.intermediate())
			.build();
	}

	@Test
	void matchesAndTheLockoutForecastFollowTheServerFromTheCurrentKeyToTheBackup(CapturedOutput output)
			throws IOException {
		try (TlsServer before = TlsServer.start(TestPki.serving(current, pki.intermediate().certificate()), "old");
				TlsServer after = TlsServer.start(TestPki.serving(backup, pki.intermediate().certificate()), "new")) {
			this.runner.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(call(context, before)).isEqualTo("old");
				assertThat(call(context, before)).isEqualTo("old");
				assertThat(matches(registry, current)).isEqualTo(2);
				assertThat(matches(registry, backup)).isZero();
				assertThat(forecastDays(registry)).isCloseTo(10, within(0.01));
				Map<String, Object> details = details(context);
				assertThat(details).containsEntry("matchedPins", List.of(TestPki.pin(current).toString()))
					.containsEntry("lockoutForecast", current.certificate().getNotAfter().toInstant().toString())
					.containsEntry("lockoutSoon", true);
				assertThat(health(context).getStatus()).as("a forecast alone leaves health UP").isEqualTo(Status.UP);
				assertThat(output).containsOnlyOnce("Pin set 'local' may lock its clients out of localhost")
					.contains("(in 9 days)");

				this.clock.advance(Duration.ofMinutes(1));
				assertThat(call(context, after)).isEqualTo("new");
				assertThat(matches(registry, backup)).isEqualTo(1);
				assertThat(matches(registry, current)).isEqualTo(2);
				assertThat(forecastDays(registry)).isCloseTo(400, within(0.01));
				assertThat(details(context)).containsEntry("lockoutSoon", false)
					.containsEntry("matchedPins", List.of(TestPki.pin(backup).toString(), TestPki.pin(current).toString()));

				this.clock.advance(Duration.ofMinutes(16));
				assertThat(details(context)).as("nothing matched within the window")
					.containsEntry("matchedPins", List.of())
					.doesNotContainKeys("lockoutForecast", "lockoutSoon");
				assertThat(registry.get("pinning.lockout.forecast").timeGauge().value(TimeUnit.SECONDS)).isNaN();
			});
		}
	}

	@Test
	void warnsOfAComingLockoutAtMostOnceADayPerPinSet(CapturedOutput output) throws IOException {
		try (TlsServer server = TlsServer.start(TestPki.serving(current, pki.intermediate().certificate()), "old")) {
			this.runner.run((context) -> {
				for (int i = 0; i < 20; i++) {
					call(context, server);
					this.clock.advance(Duration.ofHours(1));
				}
				assertThat(output.toString().split("may lock its clients out", -1)).hasSize(2);
				this.clock.advance(Duration.ofHours(5));
				call(context, server);
				assertThat(output.toString().split("may lock its clients out", -1)).hasSize(3);
			});
		}
	}

	private static String call(ApplicationContext context, TlsServer server) {
		return context.getBean(RestClient.Builder.class).build().get().uri(TestBackends.url(server)).retrieve()
			.body(String.class);
	}

	private static double matches(MeterRegistry registry, HeldCertificate certificate) {
		return registry.get("pinning.matches")
			.tag("pin.set", "local")
			.tag("pin", TestPki.pin(certificate).toString())
			.counter()
			.count();
	}

	private double forecastDays(MeterRegistry registry) {
		return registry.get("pinning.lockout.forecast").tag("pin.set", "local").timeGauge().value(TimeUnit.DAYS);
	}

	private static Health health(ApplicationContext context) {
		Health health = context.getBean(PinningHealthIndicator.class).health(true);
		assertThat(health).isNotNull();
		return health;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(ApplicationContext context) {
		return (Map<String, Object>) health(context).getDetails().get("local");
	}

}
