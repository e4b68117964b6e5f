package io.github.pinning;

import java.util.Base64;

import io.github.pinning.test.Cases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins over generated strings and hash lengths: only a well-formed {@code sha256/} pin of
 * exactly 32 bytes parses, and every refusal is an error that quotes the input.
 */
class PinCasesTests {

	@Test
	void onlyWellFormedSha256PinsParse() {
		Cases.check(20_000, (random) -> {
			byte[] hash = new byte[random.nextInt(4) == 0 ? 32 : random.nextInt(65)];
			random.nextBytes(hash);
			String encoded = Base64.getEncoder().encodeToString(hash);
			String text = switch (random.nextInt(6)) {
				case 0 -> "sha256/" + encoded;
				case 1 -> Cases.oneOf(random, "sha1/", "SHA256/", "sha256:", "sha512/", "", " sha256/") + encoded;
				case 2 -> "sha256/" + encoded.replace('=', Cases.oneOf(random, '=', '-', '_', ' '));
				case 3 -> "sha256/" + Base64.getUrlEncoder().encodeToString(hash);
				case 4 -> Cases.unicode(random, random.nextInt(60));
				default -> "sha256/" + Cases.string(random, "ABCabc019+/=-_ *", random.nextInt(60));
			};
			boolean wellFormed = wellFormed(text);
			try {
				Pin pin = Pin.parse(text);
				assertThat(wellFormed).as("parsed '%s'", text).isTrue();
				assertThat(Pin.parse(pin.toString())).isEqualTo(pin);
			}
			catch (IllegalArgumentException ex) {
				assertThat(wellFormed).as("refused '%s': %s", text, ex.getMessage()).isFalse();
				assertThat(ex.getMessage()).satisfiesAnyOf((message) -> assertThat(message).contains("'" + text + "'"),
						(message) -> assertThat(message).isEqualTo("a pin must not be empty"));
			}
		});
	}

	private static boolean wellFormed(String text) {
		if (!text.startsWith("sha256/")) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(text.substring("sha256/".length())).length == 32;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
