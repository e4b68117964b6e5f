package io.github.pinning.test;

import java.util.SplittableRandom;

/**
 * Runs a property over many generated cases. Each case has its own seed, printed when it fails,
 * so that a failure can be replayed: {@code -Dcases.seed=N} starts from another seed and
 * {@code -Dcases.factor=K} runs K times as many cases. The names stay outside {@code pinning.*}:
 * Spring Boot binds system properties, and the starter refuses unknown {@code pinning.*} keys.
 */
public final class Cases {

	private static final long SEED = Long.getLong("cases.seed", 20261127L);

	private static final int FACTOR = Integer.getInteger("cases.factor", 1);

	private Cases() {
	}

	/** One case of a property. */
	@FunctionalInterface
	public interface Property {

		/**
		 * Checks the property for the case the random source generates.
		 * @param random the case's own random source
		 * @throws Exception if the property does not hold
		 */
		void check(SplittableRandom random) throws Exception;

	}

	/**
	 * Checks a property on generated cases.
	 * @param count how many cases
	 * @param property the property
	 * @return how many cases ran
	 */
	public static int check(int count, Property property) {
		int cases = count * FACTOR;
		for (int i = 0; i < cases; i++) {
			long seed = SEED + i;
			try {
				property.check(new SplittableRandom(seed));
			}
			catch (Exception | AssertionError ex) {
				throw new AssertionError("Case " + i + " of " + cases + " failed (replay with -Dcases.seed="
						+ seed + "): " + ex.getMessage(), ex);
			}
		}
		return cases;
	}

	/**
	 * Returns a string of the given length drawn from an alphabet.
	 * @param random the random source
	 * @param alphabet the characters to draw from
	 * @param length the length
	 * @return the string
	 */
	public static String string(SplittableRandom random, String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	/**
	 * Returns a string of random code points, any plane, including surrogates' neighbours and
	 * controls.
	 * @param random the random source
	 * @param length how many code points
	 * @return the string
	 */
	public static String unicode(SplittableRandom random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x30000);
			if (Character.isValidCodePoint(codePoint) && !(codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
				text.appendCodePoint(codePoint);
			}
		}
		return text.toString();
	}

	/**
	 * Picks one of the given values.
	 * @param <T> the type
	 * @param random the random source
	 * @param values the values
	 * @return one of them
	 */
	@SafeVarargs
	public static <T> T oneOf(SplittableRandom random, T... values) {
		return values[random.nextInt(values.length)];
	}

}
