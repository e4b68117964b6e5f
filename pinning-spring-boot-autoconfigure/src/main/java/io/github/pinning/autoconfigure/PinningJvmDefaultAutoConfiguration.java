package io.github.pinning.autoconfigure;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} that, with {@code pinning.jvm-default=true},
 * installs a pinning {@code SSLContext} as the JVM default, for clients built outside Spring
 * Boot.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "pinning.jvm-default")
@ConditionalOnBean(SslBundlePinning.class)
public final class PinningJvmDefaultAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JvmDefaultSslContext pinningJvmDefaultSslContext(SslBundlePinning sslBundlePinning) {
		return new JvmDefaultSslContext(sslBundlePinning);
	}

}
