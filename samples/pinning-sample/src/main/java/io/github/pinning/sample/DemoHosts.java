package io.github.pinning.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Makes the demo host names resolve to loopback without DNS, through the JDK's
 * {@code jdk.net.hosts.file}. The JDK reads that property once, before the first name lookup, so
 * this runs first thing in {@code main}; a test JVM sets it on its command line instead.
 */
final class DemoHosts {

	private static final String PROPERTY = "jdk.net.hosts.file";

	private DemoHosts() {
	}

	static void install(Path directory) {
		if (System.getProperty(PROPERTY) != null) {
			return;
		}
		try (InputStream hosts = DemoHosts.class.getResourceAsStream("/demo-hosts")) {
			if (hosts == null) {
				throw new IllegalStateException("demo-hosts is missing from the class path");
			}
			Path file = directory.resolve("demo-hosts");
			Files.copy(hosts, file, StandardCopyOption.REPLACE_EXISTING);
			System.setProperty(PROPERTY, file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
