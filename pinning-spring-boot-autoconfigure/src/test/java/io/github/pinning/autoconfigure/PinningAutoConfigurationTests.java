package io.github.pinning.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import io.github.pinning.HostPattern;
import io.github.pinning.PinSet;
import io.github.pinning.PinningMode;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.config.PinningProperties;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import io.github.pinning.test.TestPki;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.pinning.test.ExamplePins.PIN_A;
import static io.github.pinning.test.ExamplePins.PIN_B;
import static org.assertj.core.api.Assertions.assertThat;

class PinningAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class));

	@Test
	void bindsPinSetsIntoThePolicy() {
		this.runner
			.withPropertyValues("pinning.pin-sets.payments.hosts=api.payments.example.com,*.payments.example.com",
					"pinning.pin-sets.payments.pins=" + PIN_A + "," + PIN_B,
					"pinning.pin-sets.payments.expires=2027-06-30",
					"pinning.pin-sets.partners.hosts=**.partner.example",
					"pinning.pin-sets.partners.pins[0]=" + PIN_A, "pinning.pin-sets.partners.mode=report-only")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PinningPolicy policy = context.getBean(PinningPolicy.class);
				assertThat(policy.pinSets()).extracting(PinSet::name).containsExactly("payments", "partners");
				PinSet payments = policy.pinSets().get(0);
				assertThat(payments.hosts()).containsExactly(HostPattern.parse("api.payments.example.com"),
						HostPattern.parse("*.payments.example.com"));
				assertThat(payments.pins()).extracting(Object::toString).containsExactly(PIN_A, PIN_B);
				assertThat(payments.mode()).isEqualTo(PinningMode.ENFORCE);
				assertThat(payments.expires()).isEqualTo(LocalDate.of(2027, 6, 30));
				PinSet partners = policy.pinSets().get(1);
				assertThat(partners.mode()).isEqualTo(PinningMode.REPORT_ONLY);
				assertThat(partners.expires()).isNull();
				assertThat(policy.pinSetFor("www.partner.example")).isSameAs(partners);
			});
	}

	@Test
	void defaultModeAppliesToSetsWithoutOne() {
		this.runner
			.withPropertyValues("pinning.mode=report-only", "pinning.pin-sets.a.hosts=a.example.com",
					"pinning.pin-sets.a.pins=" + PIN_A)
			.run((context) -> assertThat(context.getBean(PinningPolicy.class).pinSets().get(0).mode())
				.isEqualTo(PinningMode.REPORT_ONLY));
	}

	@Test
	void bindsEveryOtherKeyWithItsDefault() {
		this.runner.run((context) -> {
			PinningProperties properties = context.getBean(PinningProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.isRequireBackupPin()).isTrue();
			assertThat(properties.isJvmDefault()).isFalse();
			assertThat(properties.getMode()).isEqualTo(PinningMode.ENFORCE);
			assertThat(properties.getHealth().getViolationWindow()).isEqualTo(Duration.ofMinutes(15));
			assertThat(properties.getHealth().getExpiryWarning()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.getReport().getUri()).isNull();
			assertThat(context.getBean(PinningPolicy.class).isEmpty()).isTrue();
		});
		this.runner
			.withPropertyValues("pinning.health.violation-window=2h", "pinning.health.expiry-warning=7d",
					"pinning.report.uri=https://reports.example.com/pinning", "pinning.jvm-default=true",
					"pinning.require-backup-pin=false")
			.run((context) -> {
				PinningProperties properties = context.getBean(PinningProperties.class);
				assertThat(properties.getHealth().getViolationWindow()).isEqualTo(Duration.ofHours(2));
				assertThat(properties.getHealth().getExpiryWarning()).isEqualTo(Duration.ofDays(7));
				assertThat(properties.getReport().getUri()).hasToString("https://reports.example.com/pinning");
				assertThat(properties.isJvmDefault()).isTrue();
				assertThat(properties.isRequireBackupPin()).isFalse();
			});
	}

	@Test
	void pinsTheKeysOfEveryCertificateInAPemFile(@TempDir Path directory) throws Exception {
		HeldCertificate first = new HeldCertificate.Builder().commonName("first").build();
		HeldCertificate second = new HeldCertificate.Builder().commonName("second").build();
		Path pem = directory.resolve("pins.pem");
		Files.writeString(pem, first.certificatePem() + second.certificatePem());
		this.runner
			.withPropertyValues("pinning.pin-sets.files.hosts=files.example.com",
					"pinning.pin-sets.files.certificates=" + pem.toUri(), "pinning.pin-sets.files.pins=" + PIN_A)
			.run((context) -> assertThat(context.getBean(PinningPolicy.class).pinSets().get(0).pins())
				.containsExactly(io.github.pinning.Pin.parse(PIN_A), TestPki.pin(first), TestPki.pin(second)));
	}

	@Test
	void enforcedSetWithOnePinIsAllowedWhenBackupPinsAreNotRequired() {
		this.runner
			.withPropertyValues("pinning.require-backup-pin=false", "pinning.pin-sets.a.hosts=a.example.com",
					"pinning.pin-sets.a.pins=" + PIN_A)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void pinsNothingAndReadsNoPinSetWhenDisabled() {
		this.runner
			.withPropertyValues("pinning.enabled=false", "pinning.pin-sets.a.hosts=a.example.com",
					"pinning.pin-sets.a.pins=not-a-pin")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PinningPolicy.class).isEmpty()).isTrue();
				assertThat(context.getBean(SslBundlePinning.class).isActive()).isFalse();
			});
	}

	@Test
	void backsOffWhenTheUserDefinesAPolicy() {
		this.runner.withUserConfiguration(UserPolicy.class)
			.withPropertyValues("pinning.pin-sets.a.hosts=a.example.com", "pinning.pin-sets.a.pins=not-a-pin")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(PinningPolicy.class)
				.isSameAs(context.getBean(UserPolicy.class).policy));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserPolicy {

		final PinningPolicy policy = PinningPolicy
			.of(PinSet.of("user", List.of("user.example.com"), List.of(PIN_A, PIN_B)));

		@Bean
		PinningPolicy userPinningPolicy() {
			return this.policy;
		}

	}

}
