package io.github.pinning.autoconfigure.jvm;

import java.util.List;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.config.PinningProperties;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link AutoConfiguration Auto-configuration} that, with {@code pinning.jvm-default=true},
 * hands the application context's policy and listeners to the pinned JVM default trust, for
 * clients built outside Spring Boot: {@link PinningJvmDefaultInitializer} pinned it before the
 * first bean was created, or, where no initializer ran, it is pinned here. The property is
 * read when the bean starts rather than by a condition, so that it applies at run time under
 * Spring AOT and in native images too.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnBean(SslBundlePinning.class)
public final class PinningJvmDefaultAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JvmDefaultSslContext pinningJvmDefaultSslContext(SslBundlePinning sslBundlePinning, PinningProperties properties,
			ApplicationContext context, ObjectProvider<JvmDefaultTrust.Registration> early) {
		return new JvmDefaultSslContext(sslBundlePinning, properties.isJvmDefault(),
				"application context '" + context.getId() + "'", early.getIfAvailable());
	}

	/**
	 * Names the JVM's default trust while it is pinned, for the start-up line that says what
	 * applies the pins.
	 */
	@Bean
	@Order(2)
	PinningCoverage pinningJvmDefaultCoverage(ObjectProvider<JvmDefaultSslContext> jvmDefault) {
		return () -> jvmDefault.stream().anyMatch(JvmDefaultSslContext::isInstalled)
				? List.of("the JVM's default trust (pinning.jvm-default)") : List.of();
	}

	/**
	 * Names the client libraries on the class path that only the JVM default pins, while it
	 * is not pinned.
	 */
	@Bean
	@Order(100)
	PinningCoverage pinningUnpinnedLibraries(ResourceLoader resourceLoader) {
		return new UnpinnedLibraries(UnpinnedLibraries.LIBRARIES, resourceLoader.getClassLoader(),
				JvmDefaultTrust::isInstalled);
	}

}
