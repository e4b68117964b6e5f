package io.github.pinning.autoconfigure.ssl;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;

/**
 * Turns an {@link SslBundle} into one whose trust managers also check the pins of the
 * {@link PinningPolicy}. Every HTTP client that Spring Boot builds gets its bundle through here.
 */
public final class SslBundlePinning {

	private static final Log logger = LogFactory.getLog(SslBundlePinning.class);

	private final LivePinningPolicy policy;

	/** Whether bundles are pinned at all: a live policy may gain pin sets while running. */
	private final boolean active;

	private final PinningListener listener;

	private final Clock clock;

	private volatile @Nullable SslBundle pinnedSystemDefault;

	/** Bundles already warned of for naming no trust anchors, so that each is warned of once. */
	private final Set<SslBundle> warnedWithoutAnchors = Collections.newSetFromMap(new WeakHashMap<>());

	/** The session caches of pinned clients, whose sessions a change of pins invalidates. */
	private final Set<SSLSessionContext> sessionCaches = Collections.newSetFromMap(new WeakHashMap<>());

	/**
	 * Creates the pinning of SSL bundles under a fixed policy. Without pin sets, every bundle
	 * stays as it is.
	 * @param policy which host has which pins
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire
	 */
	public SslBundlePinning(PinningPolicy policy, PinningListener listener, Clock clock) {
		this(LivePinningPolicy.of(policy), !policy.isEmpty(), listener, clock);
	}

	/**
	 * Creates the pinning of SSL bundles under a policy that may be replaced while running.
	 * When it is, the cached sessions of the hosts whose pins changed are invalidated in every
	 * session cache {@link #track tracked} here, so that resumption cannot skip the new pins. Bundles are pinned even
	 * while the policy has no pin sets, so that sets added later reach the clients built before.
	 * @param policy which host has which pins, now
	 * @param listener receives every outcome
	 * @param clock tells when pin sets expire
	 */
	public SslBundlePinning(LivePinningPolicy policy, PinningListener listener, Clock clock) {
		this(policy, true, listener, clock);
	}

	private SslBundlePinning(LivePinningPolicy policy, boolean active, PinningListener listener, Clock clock) {
		this.policy = policy;
		this.active = active;
		this.listener = listener;
		this.clock = clock;
		policy.addListener(this::invalidateSessions);
	}

	/**
	 * Remembers the session cache of a client whose trust managers pin, so that a change of
	 * pins invalidates the sessions it holds of the hosts whose pins changed: a resumed
	 * session skips the trust managers, and with them the new pins. A client whose cache is
	 * not remembered here keeps its sessions across a change.
	 * @param sessionCache the client's session cache, such as
	 * {@link SSLContext#getClientSessionContext()}
	 */
	public void track(SSLSessionContext sessionCache) {
		synchronized (this.sessionCaches) {
			this.sessionCaches.add(sessionCache);
		}
	}

	private void invalidateSessions(LivePinningPolicy.Change change) {
		List<SSLSessionContext> tracked;
		synchronized (this.sessionCaches) {
			tracked = List.copyOf(this.sessionCaches);
		}
		for (SSLSessionContext sessionCache : tracked) {
			change.invalidateSessions(sessionCache);
		}
	}

	/**
	 * Returns whether bundles are pinned: always under a live policy, and under a fixed one when
	 * it has pin sets.
	 * @return whether bundles are pinned
	 */
	public boolean isActive() {
		return this.active;
	}

	/**
	 * Returns the live policy whose pins are checked.
	 * @return the live policy
	 */
	public LivePinningPolicy getLivePolicy() {
		return this.policy;
	}

	/**
	 * Returns the listener that receives every outcome.
	 * @return the listener
	 */
	public PinningListener getListener() {
		return this.listener;
	}

	/**
	 * Returns the clock that tells when pin sets expire.
	 * @return the clock
	 */
	public Clock getClock() {
		return this.clock;
	}

	/**
	 * Returns the policy whose pins are checked now.
	 * @return the policy
	 */
	public PinningPolicy getPolicy() {
		return this.policy.get();
	}

	/**
	 * Returns a bundle like the given one whose trust managers also check pins.
	 * @param bundle the bundle a client would use, or {@code null} for the JVM's default trust
	 * store
	 * @return the pinned bundle, or the bundle itself if it is already pinned or there is
	 * nothing to pin
	 */
	public @Nullable SslBundle pin(@Nullable SslBundle bundle) {
		if (!isActive() || bundle instanceof PinnedSslBundle) {
			return bundle;
		}
		return (bundle != null) ? new PinnedSslBundle(bundle, this) : systemDefault();
	}

	/**
	 * Returns a bundle of the JVM's default trust store and client key store
	 * ({@code javax.net.ssl.*}) whose trust managers also check pins. It is made once.
	 * @return the pinned system default bundle
	 */
	public SslBundle systemDefault() {
		SslBundle pinned = this.pinnedSystemDefault;
		if (pinned == null) {
			pinned = new PinnedSslBundle(SslBundle.of(null, null, null, null,
					SslManagerBundle.of(JvmDefaultKeyManagers.keyManagerFactory(), jvmDefaultTrust())), this);
			this.pinnedSystemDefault = pinned;
		}
		return pinned;
	}

	private static TrustManagerFactory jvmDefaultTrust() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			return factory;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not load the JVM's trust store: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the bundle a client was handed, pinned, where nothing pinned it: a client that
	 * takes {@code SslBundle.systemDefault()} or no bundle at all (the JVM's default trust),
	 * which no registry hands out.
	 * @param bundle the bundle the client has, or {@code null} for the JVM's default trust
	 * @return the pinned bundle, or {@code null} if the client's bundle is pinned already or
	 * pinning is not active
	 */
	public @Nullable SslBundle pinIfUnpinned(@Nullable SslBundle bundle) {
		SslBundle pinned = pin(bundle);
		return (pinned != bundle) ? pinned : null;
	}

	/**
	 * Returns a trust manager factory whose trust managers are those of the given one,
	 * wrapped to check pins; one that already checks pins is returned as it is.
	 * @param factory the factory
	 * @return the pinning factory
	 */
	public TrustManagerFactory pinTrust(TrustManagerFactory factory) {
		if (factory instanceof PinningTrustManagerFactory) {
			return factory;
		}
		return new PinningTrustManagerFactory(factory.getAlgorithm(), wrap(factory.getTrustManagers()));
	}

	/**
	 * Returns the given trust managers with every X.509 one wrapped to check pins.
	 * @param trustManagers the trust managers
	 * @return the wrapped trust managers
	 */
	public TrustManager[] wrap(TrustManager[] trustManagers) {
		return PinningTrustManager.wrap(trustManagers, this.policy, this.listener, this.clock);
	}

	/**
	 * Returns the trust managers of a bundle wrapped to check pins, and warns once per bundle
	 * when one of them names no trust anchors: then no path to an anchor can be validated,
	 * only the leaf's own key can match, and a pin on a CA key refuses every connection.
	 * @param trustManagers the bundle's trust managers
	 * @param bundle the bundle they come from
	 * @return the wrapped trust managers
	 */
	TrustManager[] wrap(TrustManager[] trustManagers, SslBundle bundle) {
		for (TrustManager trustManager : trustManagers) {
			if (trustManager instanceof X509TrustManager x509 && x509.getAcceptedIssuers().length == 0
					&& !this.policy.get().isEmpty() && firstWarningFor(bundle)) {
				logger.warn("The trust manager " + x509.getClass().getName() + " of " + bundle + " names no trust"
						+ " anchors (getAcceptedIssuers() is empty), so no certificate path can be validated: for the"
						+ " hosts of pin sets " + pinSetNames() + " only a pin of the server's own key (the leaf)"
						+ " can match, and a pin of an intermediate or root key refuses every connection.");
			}
		}
		return wrap(trustManagers);
	}

	private boolean firstWarningFor(SslBundle bundle) {
		synchronized (this.warnedWithoutAnchors) {
			return this.warnedWithoutAnchors.add(bundle);
		}
	}

	private List<String> pinSetNames() {
		return this.policy.get().pinSets().stream().map(PinSet::name).toList();
	}

}
