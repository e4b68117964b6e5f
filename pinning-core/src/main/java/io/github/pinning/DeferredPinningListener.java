package io.github.pinning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A listener for checks made before the listeners that should hear of them exist, such as
 * the checks of clients used while an application starts: it keeps their outcomes, in order,
 * until a listener is {@link #attach attached}, tells it of them, and from then on tells it
 * of every outcome directly. At most {@link #DEFAULT_LIMIT} outcomes are kept; a violation
 * beyond that is logged as a warning, so that none is lost unseen.
 */
public final class DeferredPinningListener implements PinningListener {

	/** How many outcomes are kept by default. */
	public static final int DEFAULT_LIMIT = 10_000;

	private static final System.Logger logger = System.getLogger(DeferredPinningListener.class.getName());

	private final int limit;

	private final List<Pending> pending = new ArrayList<>();

	private volatile @Nullable PinningListener target;

	private int notKept;

	/**
	 * Creates a listener that keeps at most {@link #DEFAULT_LIMIT} outcomes.
	 */
	public DeferredPinningListener() {
		this(DEFAULT_LIMIT);
	}

	/**
	 * Creates a listener that keeps at most the given number of outcomes.
	 * @param limit how many outcomes are kept until a listener is attached
	 */
	public DeferredPinningListener(int limit) {
		this.limit = limit;
	}

	@Override
	public void onCheck(PinSet pinSet, PinCheckOutcome outcome, String host) {
		tell((listener) -> listener.onCheck(pinSet, outcome, host), null);
	}

	@Override
	public void onMatch(PinSet pinSet, Pin pin, Instant lockoutAt, String host) {
		tell((listener) -> listener.onMatch(pinSet, pin, lockoutAt, host), null);
	}

	@Override
	public void onViolation(PinningViolation violation) {
		tell((listener) -> listener.onViolation(violation), violation);
	}

	private void tell(Consumer<PinningListener> event, @Nullable PinningViolation violation) {
		PinningListener listener = this.target;
		if (listener == null) {
			synchronized (this) {
				listener = this.target;
				if (listener == null) {
					if (this.pending.size() < this.limit) {
						this.pending.add(new Pending(event, violation));
						return;
					}
					this.notKept++;
				}
			}
		}
		if (listener != null) {
			event.accept(listener);
		}
		else if (violation != null) {
			log(violation, "not kept for them (" + this.limit + " outcomes were waiting already)");
		}
	}

	private static void log(PinningViolation violation, String what) {
		logger.log(System.Logger.Level.WARNING, "Certificate pinning violation (" + violation.mode() + ") before its"
				+ " listeners existed, " + what + ": pin set '" + CertificateText.neutralize(violation.pinSet().name())
				+ "', host " + CertificateText.neutralize(violation.host()) + ", port " + violation.port() + ".");
	}

	/**
	 * Tells the listener of the outcomes kept for it, in order, and of every outcome from now
	 * on; or, given {@code null}, keeps outcomes again until the next listener is attached.
	 * @param listener the listener, or {@code null}
	 */
	public void attach(@Nullable PinningListener listener) {
		List<Pending> events;
		int lost;
		synchronized (this) {
			this.target = listener;
			if (listener == null) {
				return;
			}
			events = List.copyOf(this.pending);
			this.pending.clear();
			lost = this.notKept;
			this.notKept = 0;
		}
		events.forEach((event) -> event.event().accept(listener));
		if (lost > 0) {
			logger.log(System.Logger.Level.WARNING, lost + " pin check outcomes were not kept until their listeners"
					+ " existed (at most " + this.limit + " are); each violation among them was logged.");
		}
	}

	/**
	 * Returns how many outcomes are kept, waiting for a listener.
	 * @return the number of outcomes kept
	 */
	public synchronized int pending() {
		return this.pending.size();
	}

	/**
	 * Forgets the outcomes kept, for when no listener will ever be attached; each violation
	 * among them is logged as a warning.
	 * @param reason why no listener will be attached, for the log
	 */
	public void discard(String reason) {
		List<Pending> dropped;
		synchronized (this) {
			this.target = null;
			dropped = List.copyOf(this.pending);
			this.pending.clear();
		}
		for (Pending outcome : dropped) {
			if (outcome.violation() != null) {
				log(outcome.violation(), "never told to them (" + reason + ")");
			}
		}
	}

	private record Pending(Consumer<PinningListener> event, @Nullable PinningViolation violation) {
	}

}
