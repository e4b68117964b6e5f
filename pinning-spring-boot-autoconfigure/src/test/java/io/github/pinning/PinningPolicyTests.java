package io.github.pinning;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PinningPolicyTests {

	private static final String PIN_A = "sha256/r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E=";

	private static final String PIN_B = "sha256/YLh1dUR9y6Kja30RrAn7JKnbQG/uEtLMkBgFF2Fuihg=";

	private final PinningPolicy policy = PinningPolicy.of(set("exact", "api.example.com"),
			set("one-label", "*.example.com"), set("apex-and-below", "**.example.com"),
			set("deeper", "**.internal.example.com"), set("ip", "10.0.0.1"), set("ipv6", "[::1]"));

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			api.example.com,               exact
			API.EXAMPLE.COM.,              exact
			www.example.com,               one-label
			example.com,                   apex-and-below
			a.b.example.com,               apex-and-below
			internal.example.com,          one-label
			db.internal.example.com,       deeper
			x.db.internal.example.com,     deeper
			10.0.0.1,                      ip
			0:0:0:0:0:0:0:1,               ipv6
			[::1],                         ipv6
			example.org,                   ''
			10.0.0.2,                      ''
			example.com.evil.test,         ''
			.example.com,                  ''
			.www.example.com,              ''
			a..example.com,                ''
			""")
	void choosesTheMostSpecificPinSet(String host, String expected) {
		PinSet pinSet = this.policy.pinSetFor(host);
		assertThat((pinSet != null) ? pinSet.name() : "").isEqualTo((expected != null) ? expected : "");
	}

	@Test
	void oneLabelWildcardWinsOverAnyDepthAsDesigned() {
		assertThat(this.policy.pinSetFor("internal.example.com").name()).isEqualTo("one-label");
		assertThat(this.policy.pinSetFor("db.internal.example.com").name()).isEqualTo("deeper");
	}

	@Test
	void longerAnyDepthDomainWinsOverShorterOne() {
		PinningPolicy policy = PinningPolicy.of(set("short", "**.com"), set("long", "**.example.com"));
		assertThat(policy.pinSetFor("a.b.example.com").name()).isEqualTo("long");
		assertThat(policy.pinSetFor("a.b.example2.com").name()).isEqualTo("short");
	}

	@Test
	void rejectsOnePatternInTwoPinSets() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PinningPolicy.of(set("first", "*.example.com"), set("second", "*.EXAMPLE.com.")))
			.withMessage("host pattern '*.example.com' appears in pin sets 'first' and 'second'; "
					+ "a host pattern may belong to one pin set only");
	}

	@Test
	void rejectsTwoPinSetsWithOneName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PinningPolicy.of(set("same", "a.example.com"), set("same", "b.example.com")))
			.withMessageContaining("two pin sets are named 'same'");
	}

	@Test
	void knowsWhetherAnySetIsEnforced() {
		assertThat(this.policy.isEnforcing()).isTrue();
		assertThat(PinningPolicy.of(set("r", "a.example.com").withMode(PinningMode.REPORT_ONLY)).isEnforcing())
			.isFalse();
		assertThat(PinningPolicy.empty().isEnforcing()).isFalse();
		assertThat(PinningPolicy.empty().pinSetFor("example.com")).isNull();
	}

	private static PinSet set(String name, String host) {
		return PinSet.of(name, List.of(host), List.of(PIN_A, PIN_B));
	}

}
