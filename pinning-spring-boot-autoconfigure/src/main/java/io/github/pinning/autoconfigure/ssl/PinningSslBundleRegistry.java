package io.github.pinning.autoconfigure.ssl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;

/**
 * Spring Boot's SSL bundle registry, as every client that asks for a bundle by name sees it:
 * each bundle comes out with trust managers that also check pins, so that Spring Data Redis,
 * MongoDB, Kafka and the others, and a hand-made {@code getBundle(..).createSslContext()}, are
 * pinned by host like the HTTP clients. Registration, updates (a reloaded certificate) and their
 * handlers go through to the registry it wraps; a handler receives the updated bundle pinned.
 * A server's use of a bundle is unaffected: pinning checks only the certificates of servers.
 * It extends {@link DefaultSslBundleRegistry} so that it can stand in for the bean Spring Boot
 * defines, whose every method it delegates.
 */
public final class PinningSslBundleRegistry extends DefaultSslBundleRegistry {

	private final SslBundles bundles;

	private final SslBundlePinning pinning;

	/** The last bundle handed out under each name, kept while the registry holds it unchanged. */
	private final Map<String, Pinned> pinnedByName = new ConcurrentHashMap<>();

	/**
	 * Wraps a registry.
	 * @param bundles the registry Spring Boot built
	 * @param pinning pins the bundles
	 */
	public PinningSslBundleRegistry(SslBundles bundles, SslBundlePinning pinning) {
		this.bundles = bundles;
		this.pinning = pinning;
	}

	@Override
	public void registerBundle(String name, SslBundle bundle) {
		registry().registerBundle(name, bundle);
	}

	@Override
	public void updateBundle(String name, SslBundle updatedBundle) throws NoSuchSslBundleException {
		registry().updateBundle(name, updatedBundle);
	}

	@Override
	public SslBundle getBundle(String name) throws NoSuchSslBundleException {
		SslBundle bundle = this.bundles.getBundle(name);
		Pinned pinned = this.pinnedByName.get(name);
		if (pinned == null || pinned.original() != bundle) {
			pinned = new Pinned(bundle, pin(bundle));
			this.pinnedByName.put(name, pinned);
		}
		return pinned.pinned();
	}

	@Override
	public void addBundleUpdateHandler(String name, Consumer<SslBundle> updateHandler) throws NoSuchSslBundleException {
		this.bundles.addBundleUpdateHandler(name, (updated) -> updateHandler.accept(pin(updated)));
	}

	@Override
	public void addBundleRegisterHandler(BiConsumer<String, SslBundle> registerHandler) {
		this.bundles.addBundleRegisterHandler((name, bundle) -> registerHandler.accept(name, pin(bundle)));
	}

	@Override
	public List<String> getBundleNames() {
		return this.bundles.getBundleNames();
	}

	private SslBundle pin(SslBundle bundle) {
		SslBundle pinned = this.pinning.pin(bundle);
		return (pinned != null) ? pinned : bundle;
	}

	private SslBundleRegistry registry() {
		if (this.bundles instanceof SslBundleRegistry registry) {
			return registry;
		}
		throw new UnsupportedOperationException(this.bundles + " does not register bundles");
	}

	@Override
	public String toString() {
		return "Pinning " + this.bundles;
	}

	private record Pinned(SslBundle original, SslBundle pinned) {
	}

}
