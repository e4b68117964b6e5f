package io.github.pinning.autoconfigure.mail;

import java.util.List;
import java.util.Properties;

import io.github.pinning.autoconfigure.log.BeanCoverage;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Pins the TLS of every {@link JavaMailSenderImpl} bean, Spring Boot's or the application's.
 * Jakarta Mail takes the JVM's default socket factory for TLS ({@code mail.smtp.ssl.enable},
 * {@code smtps}, STARTTLS) unless it is given one: such a sender is given the pinned one. A
 * socket factory that Spring Boot set from an SSL bundle is pinned already. In both cases the
 * fallback is switched off ({@code mail.<protocol>.socketFactory.fallback=false}): after a
 * refused handshake, Jakarta Mail would otherwise retry with the JVM's default factory, and
 * connect to the impostor the pins had just refused.
 */
final class MailSenderPostProcessor implements BeanPostProcessor, PinningCoverage {

	private final ObjectProvider<SslBundlePinning> pinning;

	private final BeanCoverage coverage = new BeanCoverage();

	MailSenderPostProcessor(ObjectProvider<SslBundlePinning> pinning) {
		this.pinning = pinning;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JavaMailSenderImpl sender)) {
			return bean;
		}
		SslBundlePinning pinning = this.pinning.getIfAvailable();
		if (pinning == null || !pinning.isActive()) {
			return bean;
		}
		String protocol = (sender.getProtocol() != null) ? sender.getProtocol() : "smtp";
		String prefix = "mail." + protocol;
		Properties properties = sender.getJavaMailProperties();
		properties.put(prefix + ".socketFactory.fallback", "false");
		if (properties.get(prefix + ".ssl.socketFactory") == null) {
			properties.put(prefix + ".ssl.socketFactory", pinning.systemDefault().createSslContext().getSocketFactory());
			record(beanName, "with the JVM's trust store");
		}
		else {
			record(beanName, "with the socket factory it was given");
		}
		// The session is made from the properties on first use; they are in place before it.
		sender.setJavaMailProperties(properties);
		return bean;
	}

	private void record(String beanName, String how) {
		this.coverage.pinned(beanName, "JavaMailSender '" + beanName + "' (" + how + ", no fallback)");
	}

	@Override
	public List<String> appliedBy() {
		return this.coverage.appliedBy();
	}

}
