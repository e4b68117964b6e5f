package io.github.pinning.autoconfigure.refresh;

import java.util.List;
import java.util.Locale;

import io.github.pinning.autoconfigure.live.PinningReloader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Applies a Spring Cloud refresh ({@code /actuator/refresh}, a bus event) that changed keys
 * under {@code pinning.}: the pinning configuration is read again and, if valid, replaces the
 * policy in force as a whole. The pin sets, the default mode, the backup-pin rule and switching
 * pinning off apply at once; a changed key that is read only at start-up (the JVM default, the
 * health and report settings, which files are watched) is named in a warning, never ignored
 * silently.
 */
final class PinningRefreshListener implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Log logger = LogFactory.getLog(PinningRefreshListener.class);

	/** {@code null} when the application defines its own policy, which no refresh replaces. */
	private final @Nullable PinningReloader reloader;

	PinningRefreshListener(@Nullable PinningReloader reloader) {
		this.reloader = reloader;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		List<String> keys = event.getKeys()
			.stream()
			.filter((key) -> key.toLowerCase(Locale.ROOT).startsWith("pinning"))
			.sorted()
			.toList();
		if (keys.isEmpty()) {
			return;
		}
		List<String> startUpOnly = keys.stream().filter(PinningRefreshListener::isReadOnlyAtStartUp).toList();
		if (!startUpOnly.isEmpty()) {
			logger.warn("A refresh changed " + startUpOnly + ", which are read only at start-up: restart the"
					+ " application for them to take effect.");
		}
		if (this.reloader == null) {
			logger.warn("A refresh changed " + keys + ", but the pins in force come from the application's own"
					+ " PinningPolicy bean, which a refresh does not replace.");
			return;
		}
		this.reloader.reload("a refresh of " + keys);
	}

	/**
	 * Whether a key, in any spelling a property source may give it (dashed, camel case, an
	 * environment variable), is one that only start-up reads.
	 */
	private static boolean isReadOnlyAtStartUp(String key) {
		String name = key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
		return name.equals("pinning.jvmdefault") || name.startsWith("pinning.health.")
				|| name.startsWith("pinning.report.") || name.startsWith("pinning.watch.")
				|| (name.startsWith("pinning.pinsets") && name.endsWith(".reloadonupdate"));
	}

}
