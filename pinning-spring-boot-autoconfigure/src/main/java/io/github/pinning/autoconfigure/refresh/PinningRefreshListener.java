package io.github.pinning.autoconfigure.refresh;

import java.util.List;
import java.util.Locale;

import io.github.pinning.autoconfigure.PinningReloader;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Applies a Spring Cloud refresh ({@code /actuator/refresh}, a bus event) that changed keys
 * under {@code pinning.}: the pinning configuration is read again and, if valid, replaces the
 * policy in force as a whole.
 */
final class PinningRefreshListener implements ApplicationListener<EnvironmentChangeEvent> {

	private final PinningReloader reloader;

	PinningRefreshListener(PinningReloader reloader) {
		this.reloader = reloader;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		List<String> keys = event.getKeys()
			.stream()
			.filter((key) -> key.toLowerCase(Locale.ROOT).startsWith("pinning"))
			.sorted()
			.toList();
		if (!keys.isEmpty()) {
			this.reloader.reload("a refresh of " + keys);
		}
	}

}
