package io.github.pinning.autoconfigure.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.pinning.PinCheckOutcome;
import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.pinning.test.ExamplePins.PIN_A;
import static io.github.pinning.test.ExamplePins.PIN_B;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class PinningLogTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class))
		.withBean(Clock.class, () -> this.clock)
		.withPropertyValues("pinning.pin-sets.payments.hosts=api.example.com,*.example.com",
				"pinning.pin-sets.payments.pins=" + PIN_A + "," + PIN_B, "pinning.pin-sets.payments.expires=2027-06-30",
				"pinning.pin-sets.soon.hosts=soon.example.org", "pinning.pin-sets.soon.pins=" + PIN_A + "," + PIN_B,
				"pinning.pin-sets.soon.expires=2026-12-10", "pinning.pin-sets.old.hosts=old.example.org",
				"pinning.pin-sets.old.pins=" + PIN_A, "pinning.pin-sets.old.mode=report-only",
				"pinning.pin-sets.old.expires=2026-11-01");

	@Test
	void logsEachPinSetOnceAtStartUpAndWarnsOfExpiry(CapturedOutput output) {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains(
				"Pin set 'payments': hosts [api.example.com, *.example.com], 2 pins, mode enforce, expires 2027-06-30")
			.contains("Pin set 'soon': hosts [soon.example.org], 2 pins, mode enforce, expires 2026-12-10")
			.contains("Pin set 'old': hosts [old.example.org], 1 pin, mode report-only, expires 2026-11-01")
			.contains("Pin set 'soon' expires on 2026-12-10 (in 13 days)")
			.contains("Pin set 'old' expired on 2026-11-01 and is no longer enforced")
			.doesNotContain("Pin set 'payments' expire");
	}

	@Test
	void warnsAtMostOnceADayPerPinSet(CapturedOutput output) {
		this.runner.run((context) -> {
			PinningLog log = context.getBean(PinningLog.class);
			PinSet old = context.getBean(PinningPolicy.class).pinSetFor("old.example.org");
			for (int i = 0; i < 10; i++) {
				log.onCheck(old, PinCheckOutcome.EXPIRED, "old.example.org");
			}
			assertThat(occurrences(output.toString(), "Pin set 'old' expired")).isOne();
			this.clock.advance(Duration.ofDays(1));
			log.onCheck(old, PinCheckOutcome.EXPIRED, "old.example.org");
			log.onCheck(old, PinCheckOutcome.EXPIRED, "old.example.org");
			assertThat(occurrences(output.toString(), "Pin set 'old' expired")).isEqualTo(2);
		});
	}

	@Test
	void warnsThatThePinSetsOfThePropertiesAreUnusedWhenTheApplicationDefinesItsOwnPolicy(CapturedOutput output) {
		PinningPolicy own = PinningPolicy.of(PinSet.of("own", List.of("own.example.com"),
				List.of(PIN_A, PIN_B)));
		this.runner.withBean(PinningPolicy.class, () -> own).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("pinning.pin-sets [old, payments, soon] are not used: the application defines its"
				+ " own PinningPolicy bean, and only its pin sets (listed next) are checked.")
			.contains("Pin set 'own': hosts [own.example.com], 2 pins, mode enforce, no expiry")
			.doesNotContain("Pin set 'payments':");
	}

	@Test
	void saysNothingOfUnusedPinSetsWhenThePolicyComesFromTheProperties(CapturedOutput output) {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("are not used");
	}

	private static int occurrences(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

}
