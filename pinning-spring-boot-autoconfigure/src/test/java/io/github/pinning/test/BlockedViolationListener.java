package io.github.pinning.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.pinning.autoconfigure.event.PinningViolationEvent;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A violation event listener that blocks on its first event until released, as a slow or stuck
 * listener of an application would, and records every event and the thread it ran on.
 */
@Configuration(proxyBeanMethods = false)
public class BlockedViolationListener {

	private final List<PinningViolationEvent> received = new CopyOnWriteArrayList<>();

	private final List<String> threads = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger handled = new AtomicInteger();

	@Bean
	ApplicationListener<PinningViolationEvent> slowViolationEventListener() {
		return (event) -> {
			this.received.add(event);
			this.threads.add(Thread.currentThread().getName());
			try {
				this.release.await(5, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.handled.incrementAndGet();
		};
	}

	/**
	 * Returns the events received so far, the blocked one included.
	 * @return the events
	 */
	public List<PinningViolationEvent> received() {
		return this.received;
	}

	/**
	 * Returns the name of the thread of each event.
	 * @return the thread names
	 */
	public List<String> threads() {
		return this.threads;
	}

	/**
	 * Lets the listener go on, and waits until it has handled the given number of events.
	 * @param events how many events it must have handled
	 */
	public void releaseAndAwait(int events) {
		this.release.countDown();
		Eventually.until(events + " events handled", () -> this.handled.get() >= events);
	}

}
