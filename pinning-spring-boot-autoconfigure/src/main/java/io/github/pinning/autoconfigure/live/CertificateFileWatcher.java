package io.github.pinning.autoconfigure.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Watches the {@code certificates} files of the pin sets with {@code reload-on-update=true}
 * and, once a change has stayed unchanged for the quiet period, has the configuration read
 * again. Files are compared by content, so a Kubernetes ConfigMap or Secret mounted as files,
 * which is swapped through a symbolic link, is seen like a file written in place.
 */
final class CertificateFileWatcher implements SmartInitializingSingleton, DisposableBean {

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	private final List<Path> files;

	private final Duration quietPeriod;

	private final PinningReloader reloader;

	private final Clock clock;

	private @Nullable ScheduledExecutorService executor;

	/** The content of each file as last applied. */
	private Map<Path, @Nullable Digest> applied = Map.of();

	/** The content seen at the last poll, and since when it has not changed. */
	private Map<Path, @Nullable Digest> seen = Map.of();

	private long seenSince;

	CertificateFileWatcher(List<Path> files, Duration quietPeriod, PinningReloader reloader, Clock clock) {
		this.files = List.copyOf(files);
		this.quietPeriod = quietPeriod;
		this.reloader = reloader;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.files.isEmpty()) {
			return;
		}
		this.applied = snapshot();
		this.seen = this.applied;
		long period = Math.max(50, Math.min(1000, this.quietPeriod.toMillis() / 4));
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "pinning-file-watch");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
		this.executor = executor;
		logger.info("Watching " + this.files + " for changes of pins (quiet period " + this.quietPeriod + ").");
	}

	private void poll() {
		try {
			Map<Path, @Nullable Digest> current = snapshot();
			long now = this.clock.millis();
			if (!current.equals(this.seen)) {
				this.seen = current;
				this.seenSince = now;
				return;
			}
			if (!current.equals(this.applied) && now - this.seenSince >= this.quietPeriod.toMillis()) {
				List<Path> changed = current.keySet()
					.stream()
					.filter((file) -> !Objects.equals(current.get(file), this.applied.get(file)))
					.toList();
				this.applied = current;
				this.reloader.reload("changed certificates files " + changed);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Watching the pinned certificates files failed; the pins in force stay.", ex);
		}
	}

	private Map<Path, @Nullable Digest> snapshot() {
		Map<Path, @Nullable Digest> snapshot = new LinkedHashMap<>();
		for (Path file : this.files) {
			snapshot.put(file, Digest.of(file));
		}
		return snapshot;
	}

	@Override
	public void destroy() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	/**
	 * The SHA-256 of a file's content.
	 */
	private record Digest(byte[] sha256) {

		static @Nullable Digest of(Path file) {
			try {
				return new Digest(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
			}
			catch (IOException ex) {
				return null;
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Digest digest && Arrays.equals(this.sha256, digest.sha256);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.sha256);
		}

	}

}
