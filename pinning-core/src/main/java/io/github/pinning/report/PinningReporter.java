package io.github.pinning.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.pinning.Pin;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningViolation;

/**
 * Sends an HPKP-style JSON report of every violation to a collector, without ever delaying or
 * failing the connection it reports about: reports wait in a bounded queue for one background
 * thread, and a report of the same host, port and validated chain within the rate-limit window
 * is suppressed. The collector is reached with the JVM's trust store and never through pinning,
 * so the host a report is about cannot block its own report.
 */
public final class PinningReporter implements PinningListener, AutoCloseable {

	/** How many reports may wait to be sent. */
	public static final int DEFAULT_QUEUE_CAPACITY = 100;

	/** How long a report of the same connection is suppressed after one was queued. */
	public static final Duration DEFAULT_RATE_LIMIT = Duration.ofHours(24);

	/** How long the collector has to connect and answer. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	static final int MAX_REMEMBERED_REPORTS = 10_000;

	private static final System.Logger logger = System.getLogger(PinningReporter.class.getName());

	private final URI uri;

	private final ReportListener listener;

	private final Clock clock;

	private final Duration rateLimit;

	private final Duration timeout;

	private final BlockingQueue<PinningViolation> queue;

	private final Map<String, Instant> lastQueued = new LinkedHashMap<>(16, 0.75f, true) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
			return size() > MAX_REMEMBERED_REPORTS;
		}

	};

	private final HttpClient client;

	private final Thread sender;

	/**
	 * Creates a reporter with the default queue, rate limit and timeout.
	 * @param uri where reports are POSTed
	 * @param listener told of every report's outcome
	 */
	public PinningReporter(URI uri, ReportListener listener) {
		this(uri, listener, Clock.systemUTC(), DEFAULT_RATE_LIMIT, DEFAULT_TIMEOUT, DEFAULT_QUEUE_CAPACITY);
	}

	/**
	 * Creates a reporter.
	 * @param uri where reports are POSTed
	 * @param listener told of every report's outcome
	 * @param clock tells the rate limit's time
	 * @param rateLimit how long a report of the same connection is suppressed
	 * @param timeout how long the collector has to connect and to answer
	 * @param queueCapacity how many reports may wait to be sent
	 */
	public PinningReporter(URI uri, ReportListener listener, Clock clock, Duration rateLimit, Duration timeout,
			int queueCapacity) {
		this.uri = uri;
		this.listener = listener;
		this.clock = clock;
		this.rateLimit = rateLimit;
		this.timeout = timeout;
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
		this.client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.sslContext(unpinnedSslContext())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.sender = new Thread(this::sendLoop, "pinning-reporter");
		this.sender.setDaemon(true);
		this.sender.start();
	}

	private static SSLContext unpinnedSslContext() {
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init((KeyStore) null);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not create the report client's SSLContext: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns where reports go.
	 * @return the collector's URI
	 */
	public URI getUri() {
		return this.uri;
	}

	@Override
	public void onViolation(PinningViolation violation) {
		if (!firstWithinRateLimit(violation)) {
			notify(ReportOutcome.SUPPRESSED);
		}
		else if (!this.queue.offer(violation)) {
			notify(ReportOutcome.DROPPED);
		}
	}

	private boolean firstWithinRateLimit(PinningViolation violation) {
		String key = key(violation);
		Instant now = this.clock.instant();
		synchronized (this.lastQueued) {
			Instant last = this.lastQueued.get(key);
			if (last != null && now.isBefore(last.plus(this.rateLimit))) {
				return false;
			}
			this.lastQueued.put(key, now);
			return true;
		}
	}

	private static String key(PinningViolation violation) {
		StringBuilder key = new StringBuilder(violation.host()).append(':').append(violation.port());
		for (Pin pin : violation.validatedPins()) {
			key.append('|').append(pin);
		}
		return key.toString();
	}

	private void sendLoop() {
		while (!Thread.currentThread().isInterrupted()) {
			PinningViolation violation;
			try {
				violation = this.queue.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			notify(send(violation));
		}
	}

	private void notify(ReportOutcome outcome) {
		try {
			this.listener.onReport(outcome);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Report listener failed on outcome " + outcome, ex);
		}
	}

	private ReportOutcome send(PinningViolation violation) {
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(PinningReport.toJson(violation)))
			.build();
		try {
			HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 == 2) {
				return ReportOutcome.SENT;
			}
			logger.log(System.Logger.Level.WARNING, "Pinning report collector " + this.uri + " answered "
					+ response.statusCode() + " to the report of " + violation.host());
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, "Pinning report of " + violation.host() + " could not be sent to "
					+ this.uri + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return ReportOutcome.FAILED;
	}

	/**
	 * Returns how many reported connections the rate limit remembers, for tests of the memory
	 * bound.
	 */
	int rememberedReports() {
		synchronized (this.lastQueued) {
			return this.lastQueued.size();
		}
	}

	/**
	 * Stops sending; reports still waiting are not sent.
	 */
	@Override
	public void close() {
		this.sender.interrupt();
	}

}
