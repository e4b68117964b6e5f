package io.github.pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.github.pinning.test.Cases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host patterns and hosts over generated cases: parsing succeeds or gives the documented error,
 * never another exception, and matching agrees with a reference model written here from the
 * design's rules.
 */
class HostPatternCasesTests {

	private static final String ASCII = "abcxyzABCXYZ0129-_.*:/[]@%?# \t";

	@Test
	void parsingEitherSucceedsOrGivesTheDocumentedError() {
		int cases = Cases.check(20_000, (random) -> {
			String text = switch (random.nextInt(4)) {
				case 0 -> Cases.string(random, ASCII, random.nextInt(40));
				case 1 -> Cases.unicode(random, random.nextInt(20));
				case 2 -> pattern(random, labels(random), Cases.oneOf(random, HostPattern.Kind.values()));
				default -> Cases.oneOf(random, "*.", "**.", "", ".") + Cases.string(random, "ab.*-", random.nextInt(12));
			};
			try {
				HostPattern pattern = HostPattern.parse(text);
				assertThat(HostPattern.parse(pattern.toString())).as("round trip of '%s'", text).isEqualTo(pattern);
			}
			catch (IllegalArgumentException ex) {
				assertThat(ex.getMessage()).as("error for '%s'", text)
					.satisfiesAnyOf((message) -> assertThat(message).startsWith("host pattern '" + text + "' "),
							(message) -> assertThat(message).isEqualTo("a host pattern must not be empty"));
			}
		});
		assertThat(cases).isGreaterThanOrEqualTo(20_000);
	}

	@Test
	void matchingAgreesWithTheReferenceModel() {
		Cases.check(20_000, (random) -> {
			List<String> domain = labels(random);
			HostPattern.Kind kind = Cases.oneOf(random, HostPattern.Kind.values());
			String text = pattern(random, domain, kind);
			List<String> hostLabels = hostLabels(random, domain);
			String host = spell(random, String.join(".", hostLabels));
			boolean expected = reference(kind, domain, hostLabels);
			HostPattern pattern = HostPattern.parse(text);
			assertThat(pattern.matches(host)).as("%s ~ %s", text, host).isEqualTo(expected);
			PinSet pinSet = PinSet.of("set", List.of(text),
					List.of("sha256/r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E="));
			assertThat(PinningPolicy.of(pinSet).pinSetFor(host) != null).as("policy: %s ~ %s", text, host)
				.isEqualTo(expected);
		});
	}

	private static boolean reference(HostPattern.Kind kind, List<String> domain, List<String> host) {
		List<String> lowerDomain = domain.stream().map((label) -> label.toLowerCase(Locale.ROOT)).toList();
		List<String> lowerHost = host.stream().map((label) -> label.toLowerCase(Locale.ROOT)).toList();
		boolean sameTail = lowerHost.size() >= lowerDomain.size() && lowerHost
			.subList(lowerHost.size() - lowerDomain.size(), lowerHost.size())
			.equals(lowerDomain);
		boolean noEmptyLabel = lowerHost.stream().noneMatch(String::isEmpty);
		return switch (kind) {
			case EXACT -> lowerHost.equals(lowerDomain);
			case ONE_LABEL -> sameTail && noEmptyLabel && lowerHost.size() == lowerDomain.size() + 1;
			case ANY_DEPTH -> sameTail && noEmptyLabel;
		};
	}

	private static List<String> labels(SplittableRandom random) {
		List<String> labels = new ArrayList<>();
		int count = 1 + random.nextInt(4);
		for (int i = 0; i < count; i++) {
			labels.add(Cases.string(random, "abcdefxyz0123-", 1 + random.nextInt(6)));
		}
		// A letter last keeps the domain from reading as an IPv4 address.
		labels.set(count - 1, labels.get(count - 1) + Cases.string(random, "abcxyz", 1));
		return labels;
	}

	private static String pattern(SplittableRandom random, List<String> domain, HostPattern.Kind kind) {
		String prefix = switch (kind) {
			case EXACT -> "";
			case ONE_LABEL -> "*.";
			case ANY_DEPTH -> "**.";
		};
		return spell(random, prefix + String.join(".", domain));
	}

	private static List<String> hostLabels(SplittableRandom random, List<String> domain) {
		List<String> labels = new ArrayList<>(domain);
		switch (random.nextInt(7)) {
			case 0 -> labels.add(0, Cases.string(random, "abc12", 1 + random.nextInt(4)));
			case 1 -> {
				labels.add(0, Cases.string(random, "abc12", 1 + random.nextInt(4)));
				labels.add(0, Cases.string(random, "xyz34", 1 + random.nextInt(4)));
			}
			case 2 -> labels.add("evil");
			case 3 -> labels.set(0, "x" + labels.get(0));
			case 4 -> labels.remove(0);
			case 5 -> labels.add(0, "");
			default -> {
			}
		}
		return labels.isEmpty() ? List.of("x") : labels;
	}

	private static String spell(SplittableRandom random, String name) {
		StringBuilder spelled = new StringBuilder(name.length() + 1);
		for (char c : name.toCharArray()) {
			spelled.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
		}
		if (random.nextInt(4) == 0) {
			spelled.append('.');
		}
		return spelled.toString();
	}

}
