package io.github.pinning.report;

import java.time.Instant;
import java.util.Map;

import io.github.pinning.PinSet;
import io.github.pinning.test.Cases;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.Violations;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's hand-written JSON against a real parser: every string it can write, whatever
 * its characters (controls, quotes, backslashes, any plane), reads back as itself, and a whole
 * report with such a host and pin set name parses to the same values.
 */
class PinningReportJsonTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TestPki pki = TestPki.localhost();

	@Test
	void everyStringRoundTripsThroughAJsonParser() {
		Cases.check(20_000, (random) -> {
			String value = random.nextBoolean() ? Cases.unicode(random, random.nextInt(40))
					: Cases.string(random, "\"\\/\b\f\n\r\t\u0000\u001F\u007F\u2028\u2029aé€😀", random.nextInt(20));
			assertThat(json.readValue(PinningReport.string(value), String.class)).isEqualTo(value);
		});
	}

	@Test
	void aWholeReportWithHostileNamesParsesToTheSameValues() {
		Instant now = Instant.parse("2026-11-27T10:00:00Z");
		Cases.check(300, (random) -> {
			String host = Cases.unicode(random, 1 + random.nextInt(30));
			String name = Cases.unicode(random, 1 + random.nextInt(20));
			if (name.isBlank()) {
				name = "x" + name;
			}
			PinSet pinSet = Violations.pinSet(pki, name, "**.example.com");
			Map<String, Object> report = json.readValue(PinningReport.toJson(Violations.rogue(pki, pinSet, host, now)),
					new TypeReference<Map<String, Object>>() {
					});
			assertThat(report).containsEntry("hostname", host).containsEntry("pin-set", name);
		});
	}

}
