package io.github.pinning.autoconfigure.event;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.pinning.PinningListener;
import io.github.pinning.PinningViolation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a {@link PinningViolationEvent} for every violation from one background thread fed
 * by a bounded queue, so that a slow event listener never stalls a handshake. Should the queue
 * be full, the event is skipped and a warning logged; the violation itself is still counted and
 * recorded by the other listeners.
 */
final class PinningEventPublisher implements PinningListener, DisposableBean {

	static final int QUEUE_CAPACITY = 1000;

	private static final Log logger = LogFactory.getLog(PinningEventPublisher.class);

	private final ApplicationEventPublisher publisher;

	private final AtomicLong skipped = new AtomicLong();

	private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(QUEUE_CAPACITY), (runnable) -> {
				Thread thread = new Thread(runnable, "pinning-events");
				thread.setDaemon(true);
				return thread;
			}, (runnable, executor) -> skip());

	PinningEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onViolation(PinningViolation violation) {
		this.executor.execute(() -> publish(violation));
	}

	private void publish(PinningViolation violation) {
		try {
			this.publisher.publishEvent(new PinningViolationEvent(this, violation));
		}
		catch (RuntimeException ex) {
			logger.warn("A PinningViolationEvent listener failed for " + violation.host(), ex);
		}
	}

	private void skip() {
		long skipped = this.skipped.incrementAndGet();
		if (skipped == 1 || skipped % QUEUE_CAPACITY == 0) {
			logger.warn("Pinning violation events are published more slowly than violations occur; " + skipped
					+ " skipped so far (the violations are still counted and recorded)");
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}
