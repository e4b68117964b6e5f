package io.github.pinning.test;

/**
 * Two well-formed pins that match no test certificate, for configuration tests.
 */
public final class ExamplePins {

	public static final String PIN_A = "sha256/r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E=";

	public static final String PIN_B = "sha256/YLh1dUR9y6Kja30RrAn7JKnbQG/uEtLMkBgFF2Fuihg=";

	private ExamplePins() {
	}

}
