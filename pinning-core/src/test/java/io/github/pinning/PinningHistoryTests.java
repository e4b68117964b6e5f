package io.github.pinning;

import java.time.Duration;
import java.time.Instant;

import io.github.pinning.test.MutableClock;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.Violations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PinningHistoryTests {

	private static final TestPki pki = TestPki.localhost();

	private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

	private static final Instant SOON = START.plus(Duration.ofDays(5));

	private static final Instant LATER = START.plus(Duration.ofDays(300));

	private final MutableClock clock = new MutableClock(START);

	private final PinningHistory history = new PinningHistory(PinningHistory.DEFAULT_CAPACITY, this.clock);

	private final PinSet pinSet = Violations.pinSet(pki, "wide", "**.example.com");

	private final Pin current = TestPki.pin(pki.intermediate());

	private final Pin backup = TestPki.pin(pki.root());

	@Test
	void theForecastIsTheEarliestAmongHostsAndEachHostsLatestChainCounts() {
		this.history.onMatch(this.pinSet, this.current, LATER, "a.example.com");
		this.history.onMatch(this.pinSet, this.current, SOON, "b.example.com");
		assertThat(this.history.lockoutForecast("wide", START)).isEqualTo(SOON);
		this.clock.advance(Duration.ofMinutes(1));
		this.history.onMatch(this.pinSet, this.backup, LATER, "b.example.com");
		assertThat(this.history.lockoutForecast("wide", START)).as("b rotated to the backup").isEqualTo(LATER);
		assertThat(this.history.matchedPins("wide", START)).containsExactly(this.backup, this.current);
	}

	@Test
	void onlyMatchesWithinTheWindowCount() {
		this.history.onMatch(this.pinSet, this.current, SOON, "a.example.com");
		this.clock.advance(Duration.ofMinutes(20));
		this.history.onMatch(this.pinSet, this.backup, LATER, "b.example.com");
		Instant windowStart = this.clock.instant().minus(Duration.ofMinutes(15));
		assertThat(this.history.lockoutForecast("wide", windowStart)).isEqualTo(LATER);
		assertThat(this.history.matchedPins("wide", windowStart)).containsExactly(this.backup);
		assertThat(this.history.lockoutForecast("other", windowStart)).isNull();
		assertThat(this.history.matchedPins("other", windowStart)).isEmpty();
	}

	@Test
	void aFloodOfHostsIsRememberedInBoundedMemoryAndTheirEarliestLockoutIsKept() {
		for (int i = 0; i < 50_000; i++) {
			Instant lockoutAt = (i == 30_000) ? SOON : LATER;
			this.history.onMatch(this.pinSet, this.current, lockoutAt, "h" + i + ".example.com");
		}
		assertThat(this.history.forecastHosts("wide")).isEqualTo(PinningHistory.MAX_HOSTS_PER_PIN_SET + 1);
		assertThat(this.history.lockoutForecast("wide", START)).isEqualTo(SOON);
	}

}
