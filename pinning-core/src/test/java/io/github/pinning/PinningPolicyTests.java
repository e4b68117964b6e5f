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
			internal.example.com,          deeper
			db.internal.example.com,       deeper
			x.db.internal.example.com,     deeper
			10.0.0.1,                      ip
			010.000.000.001,               ip
			10.1,                          ip
			167772161,                     ip
			0:0:0:0:0:0:0:1,               ipv6
			[::1],                         ipv6
			example.org,                   ''
			10.0.0.2,                      ''
			example.com.evil.test,         ''
			.example.com,                  ''
			.www.example.com,              apex-and-below
			a..example.com,                apex-and-below
			a..internal.example.com,       deeper
			..example.com,                 apex-and-below
			""")
	void choosesTheMostSpecificPinSet(String host, String expected) {
		PinSet pinSet = this.policy.pinSetFor(host);
		assertThat((pinSet != null) ? pinSet.name() : "").isEqualTo((expected != null) ? expected : "");
	}

	@Test
	void theLongerFixedPartWinsWhateverTheKind() {
		assertThat(this.policy.pinSetFor("internal.example.com").name()).isEqualTo("deeper");
		assertThat(this.policy.pinSetFor("db.internal.example.com").name()).isEqualTo("deeper");
		PinningPolicy policy = PinningPolicy.of(set("one-label", "*.example.com"), set("any", "**.example.com"),
				set("exact", "example.com"));
		assertThat(policy.pinSetFor("example.com").name()).isEqualTo("exact");
		assertThat(policy.pinSetFor("a.example.com").name()).isEqualTo("one-label");
		assertThat(policy.pinSetFor("a.b.example.com").name()).isEqualTo("any");
	}

	@Test
	void aPatternSpelledWithLeadingZerosOrFewerPartsNamesTheCanonicalAddress() {
		assertThat(HostPattern.parse("010.000.000.001").toString()).isEqualTo("10.0.0.1");
		assertThat(HostPattern.parse("127.1").toString()).isEqualTo("127.0.0.1");
		assertThat(HostPattern.parse("2130706433").toString()).isEqualTo("127.0.0.1");
		assertThat(HostPattern.parse("[::ffff:10.0.0.1]").toString()).isEqualTo("10.0.0.1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PinningPolicy.of(set("first", "10.0.0.1"), set("second", "010.000.000.001")))
			.withMessageContaining("appears in pin sets");
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
