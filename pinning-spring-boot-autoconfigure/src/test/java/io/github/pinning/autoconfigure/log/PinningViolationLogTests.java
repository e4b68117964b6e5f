package io.github.pinning.autoconfigure.log;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.pinning.PinSet;
import io.github.pinning.PinningMode;
import io.github.pinning.test.MutableClock;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.Violations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class PinningViolationLogTests {

	private static final TestPki pki = TestPki.localhost();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

	private final PinningViolationLog log = new PinningViolationLog(this.clock);

	@Test
	void logsAThousandViolationsAsOneLinePerMinuteAndPerHostWithTheCountLeftOut(CapturedOutput output) {
		PinSet pinSet = Violations.pinSet(pki, "payments", "**.example.com");
		for (int i = 0; i < 1_000; i++) {
			this.log.onViolation(Violations.rogue(pki, pinSet, (i % 2 == 0) ? "a.example.com" : "b.example.com",
					this.clock.instant())
				.withServerKeyProven());
			this.clock.advance(Duration.ofMillis(30));
		}
		// 1,000 violations over 30 seconds: one line for each host.
		assertThat(violationLines(output)).hasSize(2);
		this.clock.advance(Duration.ofSeconds(31));
		this.log.onViolation(Violations.rogue(pki, pinSet, "a.example.com", this.clock.instant()).withServerKeyProven());
		List<String> lines = violationLines(output);
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).contains("WARN", "Certificate pinning violation (enforce): pin set 'payments', host"
				+ " a.example.com, port 443, connection refused; validated chain [" + TestPki.pin(pki.rogueLeaf()),
				"/actuator/pinning", "java -jar pinning-core.jar a.example.com:443")
			.doesNotContain("not logged");
		assertThat(lines.get(2)).contains("host a.example.com", "499 more violations of this pin set and host were"
				+ " not logged since the last line");
	}

	@Test
	void saysWhenTheServerHadNotProvenItsKey(CapturedOutput output) {
		PinSet pinSet = Violations.pinSet(pki, "payments", "api.example.com");
		this.log.onViolation(Violations.rogue(pki, pinSet, "api.example.com", this.clock.instant()));
		assertThat(violationLines(output)).singleElement()
			.asString()
			.contains("connection refused before the server proved its key; validated chain [");
	}

	@Test
	void logsReportOnlyViolationsToo(CapturedOutput output) {
		PinSet pinSet = Violations.pinSet(pki, "partner", "partner.example.com").withMode(PinningMode.REPORT_ONLY);
		this.log.onViolation(Violations.rogue(pki, pinSet, "partner.example.com", this.clock.instant()));
		assertThat(violationLines(output)).singleElement()
			.asString()
			.contains("violation (report-only)", "connection allowed");
	}

	@Test
	void remembersABoundedNumberOfHosts(CapturedOutput output) {
		PinSet pinSet = Violations.pinSet(pki, "wide", "**.example.com");
		int hosts = PinningViolationLog.MAX_REMEMBERED * 3;
		for (int i = 0; i < hosts; i++) {
			this.log.onViolation(Violations.rogue(pki, pinSet, "h" + i + ".example.com", this.clock.instant()));
		}
		assertThat(violationLines(output)).hasSize(hosts);
	}

	private static List<String> violationLines(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains("Certificate pinning violation")).toList();
	}

}
