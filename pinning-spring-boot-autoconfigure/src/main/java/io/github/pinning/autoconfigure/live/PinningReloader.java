package io.github.pinning.autoconfigure.live;

import java.time.Clock;
import java.util.List;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationException;
import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationFailureAnalyzer;
import io.github.pinning.autoconfigure.config.PinningBindFailureAnalyzer;
import io.github.pinning.autoconfigure.config.PinningPolicyMapper;
import io.github.pinning.autoconfigure.config.PinningProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads {@code pinning.*} again from the environment and, if it is valid, replaces the policy
 * in force as a whole. A configuration that would fail start-up is rejected instead: the
 * policy in force stays, and an ERROR line carries the same analysis the failure analyzer
 * gives at start-up. A Spring Cloud refresh and a watched file both come through here.
 */
public final class PinningReloader {

	private static final Log logger = LogFactory.getLog(PinningReloader.class);

	private final ConfigurableEnvironment environment;

	private final ResourceLoader resourceLoader;

	private final LivePinningPolicy policy;

	/** Whether pinning was on at start-up; if it was not, no client was wrapped. */
	private final boolean enabledAtStartUp;

	private final Clock clock;

	private final List<ReloadListener> listeners;

	PinningReloader(ConfigurableEnvironment environment, ResourceLoader resourceLoader, LivePinningPolicy policy,
			boolean enabledAtStartUp, Clock clock, List<ReloadListener> listeners) {
		this.environment = environment;
		this.resourceLoader = resourceLoader;
		this.policy = policy;
		this.enabledAtStartUp = enabledAtStartUp;
		this.clock = clock;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Applies the pinning configuration of the environment, if it is valid and changes pins.
	 * @param source where the change came from, for the log and the endpoint
	 * @return {@code false} if the configuration was rejected
	 */
	public synchronized boolean reload(String source) {
		PinningPolicy next;
		try {
			PinningProperties properties = Binder.get(this.environment).bindOrCreate("pinning", PinningProperties.class);
			if (properties.isEnabled() && !this.enabledAtStartUp) {
				return reject(source, "pinning.enabled was false at start-up, so no client was built with pinning;"
						+ " restart the application to turn pinning on.");
			}
			next = properties.isEnabled() ? new PinningPolicyMapper(this.resourceLoader).read(properties, this.environment)
					: PinningPolicy.empty();
		}
		catch (InvalidPinningConfigurationException | BindException ex) {
			FailureAnalysis analysis = analyze(ex);
			return reject(source, (analysis != null)
					? analysis.getDescription() + "\nAction: " + analysis.getAction() : ex.getMessage());
		}
		LivePinningPolicy.Change change = this.policy.replace(next, source, this.clock.instant());
		if (change != null) {
			logger.info("Applied a change of pins from " + source + ": pin sets " + change.changedSets()
					+ " changed; cached TLS sessions of their hosts were invalidated.");
			this.listeners.forEach((listener) -> listener.onReload(true));
		}
		return true;
	}

	private boolean reject(String source, @Nullable String reason) {
		logger.error("Rejected a change of pins from " + source + "; the pins in force stay. " + reason);
		this.listeners.forEach((listener) -> listener.onReload(false));
		return false;
	}

	private static @Nullable FailureAnalysis analyze(Exception ex) {
		if (ex instanceof InvalidPinningConfigurationException invalid) {
			return new InvalidPinningConfigurationFailureAnalyzer().analyze(invalid);
		}
		return new PinningBindFailureAnalyzer().analyze(ex);
	}

	/**
	 * Hears of every change of pins applied or rejected while running.
	 */
	@FunctionalInterface
	public interface ReloadListener {

		/**
		 * Called after a change was applied or rejected.
		 * @param applied whether it was applied
		 */
		void onReload(boolean applied);

	}

}
