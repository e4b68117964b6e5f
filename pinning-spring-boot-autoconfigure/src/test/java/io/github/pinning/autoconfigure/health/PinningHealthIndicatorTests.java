package io.github.pinning.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.github.pinning.PinningHistory;
import io.github.pinning.test.Failures;
import io.github.pinning.test.MutableClock;
import io.github.pinning.test.ServerCertificates;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Health follows what pinning recorded on real handshakes, and moves with the clock.
 */
class PinningHealthIndicatorTests {

	private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private final MutableClock clock = new MutableClock(START);

	private final ApplicationContextRunner runner = backends.pinnedClientsRunner()
		.withConfiguration(AutoConfigurations.of(PinningHealthContributorAutoConfiguration.class))
		.withBean(Clock.class, () -> this.clock)
		.withPropertyValues("pinning.health.violation-window=15m", "pinning.health.expiry-warning=30d");

	@Test
	void upWithoutViolationsAndDetailsDescribeEachPinSet() {
		this.runner.withPropertyValues("pinning.pin-sets.local.expires=2027-06-30").run((context) -> {
			call(context, backends.genuine());
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsOnlyKeys("local");
			assertThat(details(health, "local")).containsEntry("mode", "enforce")
				.containsEntry("hosts", List.of("localhost"))
				.containsEntry("pins", 2)
				.containsEntry("expires", "2027-06-30")
				.containsEntry("expiresSoon", false)
				.containsEntry("violations", 0L)
				.doesNotContainKey("lastViolation");
		});
	}

	@Test
	void violatedAfterAnEnforcedViolationAndUpAgainOnceTheWindowHasPassed() {
		this.runner.run((context) -> {
			call(context, backends.rogue());
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(PinningHealthIndicator.VIOLATED);
			assertThat(details(health, "local")).containsEntry("violations", 1L)
				.containsEntry("lastViolation", START.toString());
			this.clock.advance(Duration.ofMinutes(14));
			assertThat(health(context).getStatus()).isEqualTo(PinningHealthIndicator.VIOLATED);
			this.clock.advance(Duration.ofMinutes(1));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			assertThat(details(health(context), "local")).containsEntry("violations", 1L);
		});
	}

	@Test
	void reportOnlyViolationsShowAsViolatedToo() {
		this.runner.withPropertyValues("pinning.pin-sets.local.mode=report-only").run((context) -> {
			assertThat(call(context, backends.rogue())).isNull();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(PinningHealthIndicator.VIOLATED);
			assertThat(details(health, "local")).containsEntry("mode", "report-only")
				.containsEntry("violations", 1L);
			this.clock.advance(Duration.ofMinutes(15));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void downOnViolationTurnsViolatedAndExpiredIntoDown() {
		this.runner.withPropertyValues("pinning.health.down-on-violation=true").run((context) -> {
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			call(context, backends.rogue());
			assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
			this.clock.advance(Duration.ofMinutes(15));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
		this.runner
			.withPropertyValues("pinning.health.down-on-violation=true",
					"pinning.pin-sets.local.expires=" + LocalDate.of(2026, 11, 26))
			.run((context) -> assertThat(health(context).getStatus()).isEqualTo(Status.DOWN));
	}

	@Test
	void aCertificateReplayedWithoutItsKeyLeavesHealthUpEvenWithDownOnViolation() throws Exception {
		this.runner.withPropertyValues("pinning.health.down-on-violation=true").run((context) -> {
			try (TlsServer replay = TlsServer.start(replayedWithoutKey(), "replay")) {
				// The pinned bundle's context keeps the pin step's outcome until the handshake
				// completes: the replay fails the handshake's own signature check first.
				Throwable failure = call(context, replay);
				assertThat(failure).isNotNull();
				assertThat(Failures.isPinningFailure(failure)).as("%s", failure).isFalse();
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(details(health, "local")).containsEntry("violations", 0L);
				// An impostor that holds its key is refused, and counted.
				call(context, backends.rogue());
				assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
			}
		});
	}

	/** The impostor's chain, sent by a server that signs its handshake with another key. */
	private static ServerCertificates replayedWithoutKey() {
		HeldCertificate otherKey = new HeldCertificate.Builder().ecdsa256().build();
		return TestPki.serving(new HeldCertificate(otherKey.keyPair(), backends.pki().rogueLeaf().certificate()));
	}

	@Test
	void aViolationOutranksAnExpiry() {
		this.runner.withPropertyValues("pinning.pin-sets.local.expires=2026-11-27").run((context) -> {
			call(context, backends.rogue());
			assertThat(health(context).getStatus()).isEqualTo(PinningHealthIndicator.VIOLATED);
			this.clock.advance(Duration.ofHours(15));
			assertThat(health(context).getStatus()).isEqualTo(PinningHealthIndicator.EXPIRED);
		});
	}

	@Test
	void expiredWhileASetHasExpiredAndFlaggedWhileItExpiresSoon() {
		LocalDate today = LocalDate.of(2026, 11, 27);
		this.runner.withPropertyValues("pinning.pin-sets.local.expires=" + today.plusDays(29)).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(details(health, "local")).containsEntry("expiresSoon", true);
		});
		this.runner.withPropertyValues("pinning.pin-sets.local.expires=" + today.minusDays(1)).run((context) -> {
			assertThat(call(context, backends.rogue())).isNull();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(PinningHealthIndicator.EXPIRED);
			assertThat(details(health, "local")).containsEntry("expiresSoon", true).containsEntry("violations", 0L);
		});
	}

	@Test
	void switchedOffByProperty() {
		this.runner.withPropertyValues("management.health.pinning.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PinningHealthIndicator.class));
		this.runner.run((context) -> assertThat(context).hasSingleBean(PinningHealthIndicator.class)
			.hasSingleBean(PinningHistory.class));
	}

	private static Throwable call(ApplicationContext context, TlsServer server) {
		RestClient client = context.getBean(RestClient.Builder.class).build();
		return catchThrowable(() -> client.get().uri(TestBackends.url(server)).retrieve().body(String.class));
	}

	private static Health health(ApplicationContext context) {
		Health health = context.getBean(PinningHealthIndicator.class).health(true);
		assertThat(health).isNotNull();
		return health;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Health health, String pinSet) {
		return (Map<String, Object>) health.getDetails().get(pinSet);
	}

}
