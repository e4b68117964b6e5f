package io.github.pinning.autoconfigure.configclient;

import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistryInitializer;
import org.springframework.util.ClassUtils;

/**
 * Pins the request that imports configuration from a Spring Cloud Config Server
 * ({@code spring.config.import=configserver:...}): it is made before the application context
 * exists, by a client that no bean of the starter reaches, and what it brings could change
 * {@code pinning.*} itself. The client's request template factory is replaced by one whose
 * trust managers check the pins that the local configuration names for the server's host.
 * Does nothing unless the Config client is on the class path.
 */
public final class PinningConfigClientBootstrapper implements BootstrapRegistryInitializer {

	private static final boolean CONFIG_CLIENT_PRESENT = ClassUtils.isPresent(
			"org.springframework.cloud.config.client.ConfigClientRequestTemplateFactory",
			PinningConfigClientBootstrapper.class.getClassLoader());

	@Override
	public void initialize(BootstrapRegistry registry) {
		if (CONFIG_CLIENT_PRESENT) {
			PinnedConfigClientRequestTemplateFactory.register(registry);
		}
	}

}
