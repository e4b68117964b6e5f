package io.github.pinning.autoconfigure.ssl;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;

/**
 * Replaces Spring Boot's SSL bundle registry with one that hands out pinned bundles. Only the
 * registry Spring Boot defines is replaced (its exact type), so that a bean of an application's
 * own type keeps its type for injection.
 */
public final class SslBundlesPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<SslBundlePinning> pinning;

	/**
	 * Creates the post-processor.
	 * @param pinning pins the bundles; read when the registry is created
	 */
	public SslBundlesPostProcessor(ObjectProvider<SslBundlePinning> pinning) {
		this.pinning = pinning;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean.getClass() == DefaultSslBundleRegistry.class) {
			SslBundlePinning pinning = this.pinning.getIfAvailable();
			if (pinning != null && pinning.isActive()) {
				return new PinningSslBundleRegistry((DefaultSslBundleRegistry) bean, pinning);
			}
		}
		return bean;
	}

}
