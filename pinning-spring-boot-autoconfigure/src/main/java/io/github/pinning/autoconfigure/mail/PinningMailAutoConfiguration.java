package io.github.pinning.autoconfigure.mail;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * {@link AutoConfiguration Auto-configuration} that pins the TLS of Spring's mail senders
 * ({@link MailSenderPostProcessor}).
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnClass({ JavaMailSenderImpl.class, jakarta.mail.Session.class })
public final class PinningMailAutoConfiguration {

	@Bean
	static MailSenderPostProcessor pinningMailSenderPostProcessor(ObjectProvider<SslBundlePinning> pinning) {
		return new MailSenderPostProcessor(pinning);
	}

}
