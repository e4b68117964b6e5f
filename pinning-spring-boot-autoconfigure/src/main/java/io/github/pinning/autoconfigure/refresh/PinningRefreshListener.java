package io.github.pinning.autoconfigure.refresh;

import java.util.List;
import java.util.Locale;

import io.github.pinning.autoconfigure.PinningReloader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Applies a Spring Cloud refresh ({@code /actuator/refresh}, a bus event) that changed keys
 * under {@code pinning.}: the pinning configuration is read again and, if valid, replaces the
 * policy in force as a whole.
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
		if (this.reloader == null) {
			logger.warn("A refresh changed " + keys + ", but the pins in force come from the application's own"
					+ " PinningPolicy bean, which a refresh does not replace.");
			return;
		}
		this.reloader.reload("a refresh of " + keys);
	}

}
