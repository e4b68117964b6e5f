package io.github.pinning.autoconfigure.jvm;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.config.PinningPolicyMapper;
import io.github.pinning.autoconfigure.config.PinningProperties;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Pins the JVM's default trust, with {@code pinning.jvm-default=true}, before the first bean
 * of the application context is created: clients that an application builds while its beans
 * are created (Feign's and OAuth2's clients, drivers, a {@code RestClient.create()} in a
 * constructor) take the JVM default then, and must find it pinned. An initializer runs once
 * the environment is complete (the application's files, profiles, and what a Config Server
 * import brought) and before any bean definition is read: the last moment that knows every
 * {@code pinning.*} key, and the first at which a bean could use the default. The pins are
 * those of the properties; an application's own {@code PinningPolicy} bean, its listeners and
 * its clock take over once they exist ({@link JvmDefaultSslContext}). The registration is
 * withdrawn when the context closes, or fails to start.
 */
public final class PinningJvmDefaultInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	/** The name of the registration's singleton in the application context. */
	static final String REGISTRATION_BEAN = "pinningJvmDefaultRegistration";

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		PinningProperties properties = Binder.get(context.getEnvironment())
			.bindOrCreate("pinning", PinningProperties.class);
		if (!properties.isEnabled() || !properties.isJvmDefault()
				|| !(context.getBeanFactory() instanceof DefaultListableBeanFactory beanFactory)) {
			return;
		}
		PinningPolicy policy = new PinningPolicyMapper(context).map(properties);
		JvmDefaultTrust.Registration registration = JvmDefaultTrust.register(LivePinningPolicy.of(policy),
				"application context '" + context.getId() + "'");
		beanFactory.registerSingleton(REGISTRATION_BEAN, registration);
		beanFactory.registerDisposableBean(REGISTRATION_BEAN, registration::close);
	}

}
