package io.github.pinning.autoconfigure.jvm;

import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import io.github.pinning.DeferredPinningListener;
import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.http.ReactorSessionCaches;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The JVM-wide default trust, pinned while at least one application context asks for it
 * ({@code pinning.jvm-default}): a pinning {@link SSLContext} as the default
 * {@code SSLContext} and as {@link HttpsURLConnection}'s default socket factory, and the
 * {@link JvmDefaultTrustProvider} first among the security providers. There is one
 * installation per JVM, shared by the contexts that {@link #register registered}: the first
 * still open is its owner, whose pins it checks and whose listeners hear of its outcomes;
 * when the owner closes, the next takes over; when the last closes, the JVM's previous
 * defaults are put back, unless something else replaced them meanwhile.
 * <p>
 * A context registers before its beans are created, with the pins of its environment; its
 * own policy and listeners, once they exist, are {@link Registration#adopt adopted}. Outcomes
 * of the checks made before that are kept (a bounded number) and told to the listeners then
 * ({@link DeferredPinningListener}).
 */
public final class JvmDefaultTrust {

	private static final Log logger = LogFactory.getLog(JvmDefaultTrust.class);

	private static final Object lock = new Object();

	private static @Nullable Installation installation;

	private JvmDefaultTrust() {
	}

	/**
	 * Registers an application context that wants the JVM's default trust pinned, and pins it
	 * if no other context did.
	 * @param policy the context's pins
	 * @param name the context, for the log
	 * @return the registration, to adopt the context's policy and listeners and to close
	 * when the context closes
	 */
	public static Registration register(LivePinningPolicy policy, String name) {
		synchronized (lock) {
			Installation current = installation;
			if (current == null) {
				current = new Installation(policy);
				installation = current;
			}
			Registration registration = new Registration(current, policy, name);
			current.registrations.add(registration);
			if (current.registrations.size() == 1) {
				current.takeOver(registration, "the start of " + name);
			}
			else {
				logger.info("The JVM's default trust is already pinned for another application context ("
						+ current.first().name + "); its pins apply to clients built outside Spring Boot until it"
						+ " closes, then those of " + name + " and the other contexts that asked for it, in order.");
			}
			return registration;
		}
	}

	/**
	 * Returns whether the JVM's default trust is pinned now.
	 * @return whether an installation is in place
	 */
	public static boolean isInstalled() {
		synchronized (lock) {
			return installation != null;
		}
	}

	/**
	 * One application context's claim on the installation.
	 */
	public static final class Registration implements AutoCloseable {

		private final Installation installation;

		private final String name;

		private volatile LivePinningPolicy policy;

		private volatile @Nullable PinningListener listener;

		private volatile Clock clock = Clock.systemUTC();

		private volatile boolean open = true;

		Registration(Installation installation, LivePinningPolicy policy, String name) {
			this.installation = installation;
			this.policy = policy;
			this.name = name;
			policy.addListener((change) -> follow(policy, change));
		}

		/**
		 * Makes the context's own policy, listeners and clock those of this registration,
		 * and tells the listeners of the outcomes kept for them.
		 * @param policy the policy in force in the context
		 * @param listener the context's listeners
		 * @param clock the context's clock
		 */
		public void adopt(LivePinningPolicy policy, PinningListener listener, Clock clock) {
			synchronized (lock) {
				if (policy != this.policy) {
					this.policy = policy;
					policy.addListener((change) -> follow(policy, change));
				}
				this.clock = clock;
				this.listener = listener;
				if (isOwner()) {
					this.installation.takeOver(this, "the application context's policy");
				}
			}
		}

		/**
		 * Returns whether this registration is still open.
		 * @return whether it was not closed
		 */
		public boolean isOpen() {
			return this.open;
		}

		/**
		 * Returns whether this registration's pins are those the JVM's default trust checks.
		 * @return whether it is the first open one
		 */
		public boolean isOwner() {
			return this.open && this.installation.owner == this;
		}

		private void follow(LivePinningPolicy policy, LivePinningPolicy.Change change) {
			synchronized (lock) {
				if (isOwner() && policy == this.policy) {
					this.installation.policy.replace(change.next(), change.source(), change.time());
				}
			}
		}

		/**
		 * Withdraws the claim: the next registration takes over, or the previous defaults are
		 * put back if this was the last.
		 */
		@Override
		public void close() {
			synchronized (lock) {
				if (!this.open) {
					return;
				}
				boolean wasOwner = isOwner();
				this.open = false;
				this.installation.registrations.remove(this);
				if (this.installation.registrations.isEmpty()) {
					this.installation.uninstall();
					JvmDefaultTrust.installation = null;
				}
				else if (wasOwner) {
					Registration next = this.installation.registrations.get(0);
					this.installation.takeOver(next, "the close of " + this.name);
					logger.info("The JVM's default trust now checks the pins of " + next.name + ", since " + this.name
							+ " closed.");
				}
			}
		}

		@Override
		public String toString() {
			return "JVM default trust registration of " + this.name;
		}

	}

	/**
	 * The pinned defaults in place, and what they replaced. Its policy, listener and clock are
	 * those of the owner, the first open registration; they are read on every handshake, so
	 * the owner is a volatile field rather than a look-up under the lock.
	 */
	private static final class Installation {

		final List<Registration> registrations = new ArrayList<>();

		volatile @Nullable Registration owner;

		final LivePinningPolicy policy;

		final DeferredPinningListener listener = new DeferredPinningListener();

		final OwnerClock clock = new OwnerClock();

		final SslBundlePinning pinning;

		final SSLContext context;

		/** The socket factory installed; each call of getSocketFactory() makes a new one. */
		final SSLSocketFactory socketFactory;

		final JvmDefaultTrustProvider provider;

		final SSLContext previousContext;

		final SSLSocketFactory previousSocketFactory;

		Installation(LivePinningPolicy initial) {
			this.policy = LivePinningPolicy.of(initial.get());
			this.pinning = new SslBundlePinning(this.policy, this.listener, this.clock);
			// The pinned context and provider wrap the JVM's own trust managers: made before
			// the provider is in place, so that they do not wrap themselves.
			this.context = this.pinning.systemDefault().createSslContext();
			this.socketFactory = this.context.getSocketFactory();
			try {
				this.provider = new JvmDefaultTrustProvider(this.pinning, this.context);
				this.previousContext = SSLContext.getDefault();
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("The JVM has no default TLS context to pin: " + ex.getMessage(), ex);
			}
			this.previousSocketFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
			Security.removeProvider(JvmDefaultTrustProvider.NAME);
			Security.insertProviderAt(this.provider, 1);
			SSLContext.setDefault(this.context);
			HttpsURLConnection.setDefaultSSLSocketFactory(this.socketFactory);
			this.pinning.track(this.context.getClientSessionContext());
			ReactorSessionCaches.trackDefaultClient(this.pinning);
		}

		Registration first() {
			return this.registrations.get(0);
		}

		/** Makes a registration the owner: its pins, clock and listeners apply from now. */
		void takeOver(Registration next, String source) {
			this.owner = next;
			this.clock.target = next.clock;
			this.policy.replace(next.policy.get(), source, next.clock.instant());
			this.listener.attach(next.listener);
		}

		/** Puts back what was there before, where nothing else replaced the pinned defaults. */
		void uninstall() {
			this.owner = null;
			if (Security.getProvider(JvmDefaultTrustProvider.NAME) == this.provider) {
				Security.removeProvider(JvmDefaultTrustProvider.NAME);
			}
			if (currentDefault() == this.context) {
				SSLContext.setDefault(this.previousContext);
			}
			if (HttpsURLConnection.getDefaultSSLSocketFactory() == this.socketFactory) {
				HttpsURLConnection.setDefaultSSLSocketFactory(this.previousSocketFactory);
			}
			this.listener.discard("the application context closed before it was ready");
		}

		private static @Nullable SSLContext currentDefault() {
			try {
				return SSLContext.getDefault();
			}
			catch (NoSuchAlgorithmException ex) {
				return null;
			}
		}

	}

	/**
	 * The owner's clock, which decides when pin sets expire.
	 */
	private static final class OwnerClock extends Clock {

		volatile Clock target = Clock.systemUTC();

		@Override
		public ZoneId getZone() {
			return this.target.getZone();
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this.target.withZone(zone);
		}

		@Override
		public Instant instant() {
			return this.target.instant();
		}

		@Override
		public long millis() {
			return this.target.millis();
		}

	}

}
