package io.github.pinning.autoconfigure.jvm;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The application context's part in the pinned JVM default trust ({@link JvmDefaultTrust}):
 * hands the context's policy and listeners to the registration that
 * {@link PinningJvmDefaultInitializer} made before the beans were created, or registers now
 * where no initializer ran (an application context made without {@code SpringApplication}),
 * and withdraws what it registered when the context closes. Nothing is registered unless
 * {@code pinning.jvm-default} is {@code true} and pinning is on.
 */
public final class JvmDefaultSslContext implements InitializingBean, DisposableBean {

	private final SslBundlePinning pinning;

	private final boolean install;

	private final String name;

	private JvmDefaultTrust.@Nullable Registration registration;

	private boolean registeredHere;

	JvmDefaultSslContext(SslBundlePinning pinning, boolean install, String name,
			JvmDefaultTrust.@Nullable Registration early) {
		this.pinning = pinning;
		this.install = install;
		this.name = name;
		this.registration = early;
	}

	/**
	 * Returns whether the JVM's default trust is pinned for this context.
	 * @return whether it registered and has not closed
	 */
	public boolean isInstalled() {
		JvmDefaultTrust.Registration registration = this.registration;
		return registration != null && registration.isOpen();
	}

	@Override
	public void afterPropertiesSet() {
		JvmDefaultTrust.Registration registration = this.registration;
		if (registration == null) {
			if (!this.install || !this.pinning.isActive()) {
				return;
			}
			registration = JvmDefaultTrust.register(this.pinning.getLivePolicy(), this.name);
			this.registration = registration;
			this.registeredHere = true;
		}
		registration.adopt(this.pinning.getLivePolicy(), this.pinning.getListener(), this.pinning.getClock());
	}

	@Override
	public void destroy() {
		if (this.registeredHere && this.registration != null) {
			this.registration.close();
		}
	}

}
