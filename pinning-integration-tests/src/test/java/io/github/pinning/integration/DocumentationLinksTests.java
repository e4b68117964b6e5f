package io.github.pinning.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation holds together: every relative link of every Markdown file names a file
 * that exists and, with a {@code #fragment}, a heading of that file; every test class the
 * documentation names as proof exists, and so does every test method it names.
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *$", Pattern.MULTILINE);

	private static final Pattern TEST_NAME = Pattern.compile("(?<![-\\w])([A-Z]\\w*Tests)(?:\\.(\\w+))?\\b");

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void everyRelativeLinkReachesAFileAndAHeading() {
		List<Path> documents = markdownFiles();
		assertThat(documents).as("Markdown files under " + ROOT)
			.contains(ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md"), ROOT.resolve("docs/clients.md"));
		List<String> broken = new ArrayList<>();
		Map<Path, Set<String>> anchors = new HashMap<>();
		for (Path document : documents) {
			Matcher link = LINK.matcher(prose(read(document)));
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("^[a-z]+:.*")) {
					continue;
				}
				int hash = target.indexOf('#');
				String file = (hash >= 0) ? target.substring(0, hash) : target;
				Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
				if (!Files.exists(resolved)) {
					broken.add(ROOT.relativize(document) + ": " + target + " (no such file)");
				}
				else if (hash >= 0 && !anchors.computeIfAbsent(resolved, DocumentationLinksTests::anchorsOf)
					.contains(target.substring(hash + 1))) {
					broken.add(ROOT.relativize(document) + ": " + target + " (no such heading)");
				}
			}
		}
		assertThat(broken).as("broken links").isEmpty();
	}

	@Test
	void everyTestNamedAsProofExists() {
		Map<String, String> tests = testSources();
		assertThat(tests).as("test classes found under " + ROOT).containsKey("DocumentationLinksTests");
		List<String> missing = new ArrayList<>();
		for (Path document : markdownFiles()) {
			Matcher name = TEST_NAME.matcher(read(document));
			while (name.find()) {
				String source = tests.get(name.group(1));
				if (source == null) {
					missing.add(ROOT.relativize(document) + ": " + name.group(1));
				}
				else if (name.group(2) != null && !source.contains(" " + name.group(2) + "(")) {
					missing.add(ROOT.relativize(document) + ": " + name.group());
				}
			}
		}
		assertThat(missing).as("tests named in the documentation that do not exist").isEmpty();
	}

	/**
	 * The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as
	 * hyphens, and a repeated heading numbered.
	 */
	static Set<String> anchorsOf(Path document) {
		Set<String> anchors = new HashSet<>();
		if (!document.toString().endsWith(".md")) {
			return anchors;
		}
		Matcher heading = HEADING.matcher(prose(read(document)));
		while (heading.find()) {
			String anchor = heading.group(1)
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N}\\- _]", "")
				.replace(' ', '-');
			String unique = anchor;
			for (int i = 1; !anchors.add(unique); i++) {
				unique = anchor + "-" + i;
			}
		}
		return anchors;
	}

	/** The text outside fenced code blocks, where links and headings are Markdown. */
	private static String prose(String markdown) {
		return markdown.replaceAll("(?ms)^```.*?^```", "");
	}

	private static List<Path> markdownFiles() {
		try (Stream<Path> files = Files.walk(ROOT)) {
			return files.filter((file) -> file.toString().endsWith(".md")).filter(DocumentationLinksTests::isSource).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, String> testSources() {
		Map<String, String> sources = new HashMap<>();
		try (Stream<Path> files = Files.walk(ROOT)) {
			files.filter((file) -> file.toString().endsWith("Tests.java"))
				.filter(DocumentationLinksTests::isSource)
				.forEach((file) -> sources.put(file.getFileName().toString().replace(".java", ""), read(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return sources;
	}

	private static boolean isSource(Path file) {
		Path relative = ROOT.relativize(file);
		for (Path part : relative) {
			String name = part.toString();
			if (name.equals("target") || name.startsWith(".")) {
				return false;
			}
		}
		return true;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
