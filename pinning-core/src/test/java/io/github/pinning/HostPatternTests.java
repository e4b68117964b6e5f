package io.github.pinning;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HostPatternTests {

	@ParameterizedTest(name = "{0} ~ {1} = {2}")
	@CsvSource(textBlock = """
			example.com,          example.com,            true
			example.com,          EXAMPLE.com,            true
			example.com,          example.com.,           true
			example.com.,         example.com,            true
			Example.COM,          example.com,            true
			example.com,          www.example.com,        false
			example.com,          example.com..,          false
			example.com,          example.co,             false
			example.com,          example.com.evil.test,  false
			example.com,          notexample.com,         false
			*.example.com,        api.example.com,        true
			*.example.com,        API.Example.Com.,       true
			*.example.com,        example.com,            false
			*.example.com,        a.b.example.com,        false
			*.example.com,        apiexample.com,         false
			*.example.com,        .example.com,           false
			**.example.com,       example.com,            true
			**.example.com,       api.example.com,        true
			**.example.com,       a.b.c.example.com,      true
			**.example.com,       EXAMPLE.COM.,           true
			**.example.com,       badexample.com,         false
			**.example.com,       example.com.evil.test,  false
			bücher.example,       xn--bcher-kva.example,  true
			bücher.example,       BÜCHER.example,         true
			xn--bcher-kva.example, bücher.example,        true
			*.bücher.example,     shop.xn--bcher-kva.example, true
			127.0.0.1,            127.0.0.1,              true
			127.0.0.1,            127.0.0.2,              false
			::1,                  [::1],                  true
			[::1],                0:0:0:0:0:0:0:1,        true
			[::1],                ::1,                    true
			2001:db8::1,          2001:DB8:0:0:0:0:0:1,   true
			[::1],                ::2,                    false
			""")
	void matchesHosts(String pattern, String host, boolean matches) {
		assertThat(HostPattern.parse(pattern).matches(host)).isEqualTo(matches);
	}

	@ParameterizedTest(name = "''{0}'' -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			''                       | a host pattern must not be empty
			*                        | may hold a wildcard only as its whole leftmost label
			**                       | may hold a wildcard only as its whole leftmost label
			*.*.example.com          | may hold a wildcard only as its whole leftmost label
			a.*.example.com          | may hold a wildcard only as its whole leftmost label
			api*.example.com         | may hold a wildcard only as its whole leftmost label
			***.example.com          | may hold a wildcard only as its whole leftmost label
			example.*                | may hold a wildcard only as its whole leftmost label
			exa mple.com             | must not contain spaces
			'example.com '           | must not contain spaces
			https://example.com      | must be a host name without a scheme
			example.com/path         | must be a host name without a path
			example.com:8443         | must not contain a port
			[::1]:8443               | must not contain a port
			127.0.0.1:443            | must not contain a port
			example..com             | has an empty label
			.example.com             | has an empty label
			*.                       | has an empty label
			exam!ple.com             | holds '!', which is not allowed in a host name
			user@example.com         | must be a host name, not a URL
			*.0.0.1                  | puts a wildcard on an IP address
			*.[::1]                  | puts a wildcard on an IP address
			300.1.1.1                | is not a valid IPv4 address
			1.2.3.4.5                | is not a valid IPv4 address
			4294967296               | is not a valid IPv4 address
			""")
	void rejectsMalformedPatternsWithAMessageThatQuotesThem(String pattern, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> HostPattern.parse(pattern))
			.withMessageContaining(message)
			.withMessageContaining(pattern.isEmpty() ? "" : "'" + pattern + "'");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			Example.COM.,    example.com
			*.Example.com,   *.example.com
			**.example.com,  **.example.com
			bücher.example,  xn--bcher-kva.example
			::1,             [0:0:0:0:0:0:0:1]
			""")
	void printsTheNormalisedForm(String pattern, String printed) {
		assertThat(HostPattern.parse(pattern)).hasToString(printed);
	}

	@ParameterizedTest(name = "{0} rejects {1}")
	@CsvSource(textBlock = """
			*.example.com,   1.2.3.4
			**.example.com,  [::1]
			**.1,            1
			""")
	void wildcardsNeverMatchIpLiterals(String pattern, String host) {
		if (pattern.equals("**.1")) {
			assertThatIllegalArgumentException().isThrownBy(() -> HostPattern.parse(pattern));
			return;
		}
		assertThat(HostPattern.parse(pattern).matches(host)).isFalse();
	}

}
