package io.github.pinning.autoconfigure.http;

import java.util.function.BiFunction;

import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every bean of a client builder type, whoever defined it, once it is fully built, so
 * that the wrapping comes after every customizer.
 *
 * @param <B> the builder type
 */
final class PinningBuilderPostProcessor<B> implements BeanPostProcessor {

	private final Class<B> builderType;

	private final Class<?> pinningType;

	private final BiFunction<B, SslBundlePinning, B> wrapper;

	private final ObjectProvider<SslBundlePinning> pinning;

	PinningBuilderPostProcessor(Class<B> builderType, Class<?> pinningType, BiFunction<B, SslBundlePinning, B> wrapper,
			ObjectProvider<SslBundlePinning> pinning) {
		this.builderType = builderType;
		this.pinningType = pinningType;
		this.wrapper = wrapper;
		this.pinning = pinning;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (this.builderType.isInstance(bean) && !this.pinningType.isInstance(bean)) {
			SslBundlePinning pinning = this.pinning.getIfAvailable();
			if (pinning != null && pinning.isActive()) {
				return this.wrapper.apply(this.builderType.cast(bean), pinning);
			}
		}
		return bean;
	}

}
