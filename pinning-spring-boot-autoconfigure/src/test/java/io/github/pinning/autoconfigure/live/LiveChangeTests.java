package io.github.pinning.autoconfigure.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.endpoint.PinningEndpoint;
import io.github.pinning.autoconfigure.endpoint.PinningEndpointAutoConfiguration;
import io.github.pinning.autoconfigure.metrics.PinningMetricsAutoConfiguration;
import io.github.pinning.autoconfigure.refresh.PinningRefreshAutoConfiguration;
import io.github.pinning.test.Eventually;
import io.github.pinning.test.Failures;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Pins changed while running, with real handshakes: a Spring Cloud refresh, a rejected
 * invalid change, a resumed session after a change, and a watched certificates file.
 */
@ExtendWith(OutputCaptureExtension.class)
class LiveChangeTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private static final TestPki pki = backends.pki();

	private static final String GENUINE_PINS = TestPki.pin(pki.intermediate()) + "," + TestPki.pin(pki.root());

	private static final String IMPOSTOR_PINS = TestPki.pin(pki.rogueLeaf()) + "," + TestPki.pin(pki.rogueRoot());

	private final Map<String, Object> dynamic = new HashMap<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, PinningAutoConfiguration.class,
				PinningRefreshAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				PinningMetricsAutoConfiguration.class, EndpointAutoConfiguration.class,
				PinningEndpointAutoConfiguration.class))
		.withPropertyValues(backends.trustBundle(false))
		.withPropertyValues("management.endpoints.web.exposure.include=pinning")
		.withBean(RecordingListener.class)
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("dynamic", this.dynamic)));

	@Test
	void aRefreshAppliesNewPinsAsAWholeAndAnInvalidOneIsRejected(CapturedOutput output) {
		this.dynamic.put("pinning.pin-sets.local.hosts", "localhost");
		this.dynamic.put("pinning.pin-sets.local.pins", GENUINE_PINS);
		this.runner.run((context) -> {
			SSLContext client = client(context);
			assertAccepted(client, backends.genuine());
			assertRefused(client, backends.rogue());

			this.dynamic.put("pinning.pin-sets.local.pins", IMPOSTOR_PINS);
			refresh(context, "pinning.pin-sets.local.pins");
			assertAccepted(client, backends.rogue());
			assertRefused(client, backends.genuine());
			assertThat(reloads(context, "applied")).isEqualTo(1);
			PinningEndpoint.ChangeDescriptor change = context.getBean(PinningEndpoint.class).pinning().lastChange();
			assertThat(change).isNotNull();
			assertThat(change.source()).isEqualTo("a refresh of [pinning.pin-sets.local.pins]");
			assertThat(change.changedSets()).containsExactly("local");

			this.dynamic.put("pinning.pin-sets.local.pins", "sha256/not-a-pin");
			refresh(context, "pinning.pin-sets.local.pins");
			assertThat(reloads(context, "rejected")).isEqualTo(1);
			assertThat(output).contains("Rejected a change of pins from a refresh of [pinning.pin-sets.local.pins];"
					+ " the pins in force stay.")
				.contains("Property: pinning.pin-sets.local.pins[0]");
			assertAccepted(client, backends.rogue());
			assertRefused(client, backends.genuine());

			this.dynamic.put("pinning.pin-set.local.pins", GENUINE_PINS);
			refresh(context, "pinning.pin-set.local.pins");
			assertThat(reloads(context, "rejected")).as("an unknown key is rejected as at start-up").isEqualTo(2);
			assertThat(output).contains("Did you mean 'pinning.pin-sets.local.pins'?");
		});
	}

	@Test
	void aRefreshOfKeysReadOnlyAtStartUpSaysSoAndStillAppliesThePins(CapturedOutput output) {
		this.dynamic.put("pinning.pin-sets.local.hosts", "localhost");
		this.dynamic.put("pinning.pin-sets.local.pins", GENUINE_PINS);
		this.runner.run((context) -> {
			SSLContext client = client(context);
			this.dynamic.put("pinning.jvm-default", "true");
			this.dynamic.put("pinning.health.expiry-warning", "60d");
			this.dynamic.put("pinning.pin-sets.local.pins", IMPOSTOR_PINS);
			context.publishEvent(new EnvironmentChangeEvent(context, Set.of("pinning.jvm-default",
					"PINNING_HEALTH_EXPIRYWARNING", "pinning.pin-sets.local.pins", "pinning.pin-sets.local.reload-on-update")));
			assertThat(output).contains("A refresh changed [PINNING_HEALTH_EXPIRYWARNING, pinning.jvm-default,"
					+ " pinning.pin-sets.local.reload-on-update], which are read only at start-up: restart the"
					+ " application for them to take effect.");
			assertThat(reloads(context, "applied")).isEqualTo(1);
			assertAccepted(client, backends.rogue());
		});
	}

	@Test
	void pinSetsAddedByARefreshReachClientsBuiltBeforeAnyExisted() {
		this.runner.run((context) -> {
			SSLContext client = client(context);
			assertAccepted(client, backends.rogue());

			this.dynamic.put("pinning.pin-sets.local.hosts", "localhost");
			this.dynamic.put("pinning.pin-sets.local.pins", GENUINE_PINS);
			refresh(context, "pinning.pin-sets.local.pins");
			assertThat(reloads(context, "applied")).isEqualTo(1);
			assertRefused(client, backends.rogue());
			assertAccepted(client, backends.genuine());

			this.dynamic.put("pinning.enabled", "false");
			refresh(context, "pinning.enabled");
			assertThat(reloads(context, "applied")).as("pinning switched off while running").isEqualTo(2);
			assertAccepted(client, backends.rogue());
		});
	}

	@Test
	void pinningSwitchedOffAtStartUpCannotBeSwitchedOnByARefresh(CapturedOutput output) {
		this.dynamic.put("pinning.enabled", "false");
		this.runner.run((context) -> {
			SSLContext client = client(context);
			this.dynamic.put("pinning.enabled", "true");
			this.dynamic.put("pinning.pin-sets.local.hosts", "localhost");
			this.dynamic.put("pinning.pin-sets.local.pins", GENUINE_PINS);
			refresh(context, "pinning.enabled");
			assertThat(reloads(context, "rejected")).isEqualTo(1);
			assertThat(context.getBean(LivePinningPolicy.class).get().isEmpty()).isTrue();
			assertThat(output).contains("Rejected a change of pins from a refresh of [pinning.enabled]; the pins in"
					+ " force stay. pinning.enabled was false at start-up, so no client was built with pinning;"
					+ " restart the application to turn pinning on.");
			assertAccepted(client, backends.rogue());
		});
	}

	@Test
	void aRefreshNeverReplacesAPolicyThatTheApplicationDefines(CapturedOutput output) throws Exception {
		PinningPolicy own = PinningPolicy.of(PinSet.of("own", List.of("localhost"),
				List.of(TestPki.pin(pki.intermediate()).toString(), TestPki.pin(pki.root()).toString())));
		this.runner.withBean(PinningPolicy.class, () -> own).run((context) -> {
			assertThat(context).as("no watched file replaces it either").doesNotHaveBean(PinningReloader.class);
			SSLContext client = client(context);
			assertRefused(client, backends.rogue());

			this.dynamic.put("pinning.enabled", "false");
			this.dynamic.put("pinning.report.uri", "http://localhost:1/reports");
			refresh(context, "pinning.enabled");
			assertThat(context.getBean(LivePinningPolicy.class).get()).isSameAs(own);
			assertRefused(client, backends.rogue());
			assertAccepted(client, backends.genuine());
			assertThat(output).contains("A refresh changed [pinning.enabled], but the pins in force come from"
					+ " the application's own PinningPolicy bean, which a refresh does not replace.");
		});
	}

	@Test
	void aSessionResumedAfterAChangeOfItsHostsPinsIsAFullHandshakeUnderTheNewPins() throws Exception {
		this.dynamic.put("pinning.pin-sets.local.hosts", "localhost");
		this.dynamic.put("pinning.pin-sets.local.pins", GENUINE_PINS);
		this.dynamic.put("pinning.pin-sets.other.hosts", "other.example.com");
		this.dynamic.put("pinning.pin-sets.other.pins", GENUINE_PINS);
		try (TlsServer genuine = TlsServer.resumable(pki.genuineServer(), "genuine", "TLSv1.3")) {
			this.runner.run((context) -> {
				SSLContext client = client(context);
				RecordingListener listener = context.getBean(RecordingListener.class);
				assertAccepted(client, genuine);
				assertAccepted(client, genuine);
				assertThat(listener.checks()).as("the second connection resumed the first session").hasSize(1);

				this.dynamic.put("pinning.pin-sets.other.pins", IMPOSTOR_PINS);
				refresh(context, "pinning.pin-sets.other.pins");
				assertAccepted(client, genuine);
				assertThat(listener.checks()).as("another host's change leaves the session").hasSize(1);

				this.dynamic.put("pinning.pin-sets.local.pins", IMPOSTOR_PINS);
				refresh(context, "pinning.pin-sets.local.pins");
				assertRefused(client, genuine);
				assertThat(listener.checks()).last().isEqualTo("local:violation:localhost");
			});
		}
	}

	@Test
	void aWatchedCertificatesFileIsAppliedAfterItsQuietPeriod(@TempDir Path directory) throws Exception {
		Path pins = Files.writeString(directory.resolve("pins.pem"),
				pki.intermediate().certificatePem() + pki.root().certificatePem());
		this.dynamic.put("pinning.pin-sets.local.hosts", "localhost");
		this.dynamic.put("pinning.pin-sets.local.certificates", pins.toUri().toString());
		this.dynamic.put("pinning.pin-sets.local.reload-on-update", "true");
		this.dynamic.put("pinning.watch.file.quiet-period", "300ms");
		this.runner.run((context) -> {
			SSLContext client = client(context);
			assertAccepted(client, backends.genuine());
			assertRefused(client, backends.rogue());
			Path replacement = Files.writeString(directory.resolve("next.pem"),
					pki.rogueLeaf().certificatePem() + pki.rogueRoot().certificatePem());
			Files.move(replacement, pins, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			long changed = System.nanoTime();
			LivePinningPolicy policy = context.getBean(LivePinningPolicy.class);
			Eventually.until("the new file to be applied", () -> policy.lastChange() != null);
			assertThat((System.nanoTime() - changed) / 1_000_000).as("milliseconds until applied")
				.isGreaterThanOrEqualTo(300)
				.isLessThan(5_000);
			assertAccepted(client, backends.rogue());
			assertRefused(client, backends.genuine());
			assertThat(policy.lastChange().source()).startsWith("changed certificates files [");
		});
	}

	@Test
	void reloadOnUpdateNeedsCertificatesFiles() {
		this.dynamic.put("pinning.pin-sets.local.hosts", "localhost");
		this.dynamic.put("pinning.pin-sets.local.pins", GENUINE_PINS);
		this.dynamic.put("pinning.pin-sets.local.reload-on-update", "true");
		this.runner.run((context) -> assertThat(context.getStartupFailure()).rootCause()
			.hasMessageContaining("Property: pinning.pin-sets.local.reload-on-update")
			.hasMessageContaining("reload-on-update watches the set's certificates files, but it has none"));
	}

	private static SSLContext client(ConfigurableApplicationContext context) {
		return context.getBean(SslBundles.class).getBundle("test").createSslContext();
	}

	private static void refresh(ConfigurableApplicationContext context, String key) {
		context.publishEvent(new EnvironmentChangeEvent(context, Set.of(key)));
	}

	private static double reloads(ConfigurableApplicationContext context, String outcome) {
		return context.getBean(MeterRegistry.class).get("pinning.reloads").tag("outcome", outcome).counter().count();
	}

	private static void assertAccepted(SSLContext client, TlsServer server) throws Exception {
		Handshakes.connect(Transport.SOCKET, client, "localhost", server.port(), "TLSv1.3");
	}

	private static void assertRefused(SSLContext client, TlsServer server) {
		Throwable failure = catchThrowable(
				() -> Handshakes.connect(Transport.SOCKET, client, "localhost", server.port(), "TLSv1.3"));
		assertThat(Failures.isPinningFailure(failure)).as("refused by pinning: %s", failure).isTrue();
	}

}
