package io.github.pinning;

import java.util.Base64;

import io.github.pinning.test.TestPki;
import okhttp3.CertificatePinner;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PinTests {

	private static final String VALID = "sha256/r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E=";

	@Test
	void parsesAndPrintsTheSameText() {
		assertThat(Pin.parse(VALID)).hasToString(VALID);
		assertThat(Pin.parse(VALID).base64()).isEqualTo(VALID.substring("sha256/".length()));
	}

	@Test
	void pinsWithTheSameHashAreEqual() {
		assertThat(Pin.parse(VALID)).isEqualTo(Pin.parse(VALID)).hasSameHashCodeAs(Pin.parse(VALID));
		assertThat(Pin.parse(VALID)).isNotEqualTo(Pin.parse("sha256/YLh1dUR9y6Kja30RrAn7JKnbQG/uEtLMkBgFF2Fuihg="));
	}

	@Test
	void computesThePinOfTheSubjectPublicKeyInfoAsOkHttpDoes() {
		HeldCertificate certificate = new HeldCertificate.Builder().commonName("pin.test").build();
		Pin pin = TestPki.pin(certificate);
		assertThat(pin).hasToString(CertificatePinner.pin(certificate.certificate()));
	}

	@ParameterizedTest(name = "''{0}'' -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			''                                                        | a pin must not be empty
			'   '                                                     | a pin must not be empty
			sha1/BOEPZ0vRkXWO0PxC1F4rP8SOV5A=                        | pin 'sha1/BOEPZ0vRkXWO0PxC1F4rP8SOV5A=' must start with 'sha256/' (SHA-1 pins are not accepted)
			r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E=             | pin 'r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E=' must start with 'sha256/'
			SHA256/r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E=      | must start with 'sha256/'
			sha256/not*base64                                         | pin 'sha256/not*base64' is not valid base64 after 'sha256/'
			sha256/                                                   | pin 'sha256/' decodes to 0 bytes, but a SHA-256 hash has 32
			sha256/BOEPZ0vRkXWO0PxC1F4rP8SOV5A=                      | pin 'sha256/BOEPZ0vRkXWO0PxC1F4rP8SOV5A=' decodes to 20 bytes, but a SHA-256 hash has 32
			sha256/r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E=AAAA  | is not valid base64
			""")
	void rejectsMalformedPinsWithAMessageThatQuotesThem(String text, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> Pin.parse(text)).withMessageContaining(message);
	}

	@Test
	void rejectsAHashOfTheWrongLengthEvenWhenItIsValidBase64() {
		String tooLong = "sha256/" + Base64.getEncoder().encodeToString(new byte[33]);
		assertThatIllegalArgumentException().isThrownBy(() -> Pin.parse(tooLong)).withMessageContaining("33 bytes");
	}

}
