package io.github.pinning.autoconfigure.http;

import java.lang.reflect.Field;
import java.util.List;

import io.github.pinning.autoconfigure.log.BeanCoverage;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.support.HttpAccessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Pins the {@link RestClient.Builder}, {@code WebClient.Builder} and {@link RestTemplate}
 * beans that an application defines itself, as Spring Cloud LoadBalancer's reference shows
 * ({@code @LoadBalanced @Bean RestClient.Builder builder() { return RestClient.builder(); }}):
 * one that still has its default request factory or connector gets the one its framework
 * would have chosen (the same client library, detected the same way, with the JVM's default
 * trust store), built through pinning. One with a factory or connector of its own is left
 * alone, unless the pinning builders made it, and named by the start-up warning. Spring
 * Boot's own builders already carry pinned factories and pass through unchanged.
 */
final class ApplicationClientsPostProcessor implements BeanPostProcessor, PinningCoverage {

	private static final String WEB_CLIENT_BUILDER = "org.springframework.web.reactive.function.client.WebClient$Builder";

	/** The value of a field that this version of Spring Framework does not have. */
	private static final Object UNKNOWN = new Object();

	private final ObjectProvider<SslBundlePinning> pinning;

	private final ClassLoader classLoader;

	private final boolean webClientPresent;

	private final BeanCoverage coverage = new BeanCoverage();

	ApplicationClientsPostProcessor(ObjectProvider<SslBundlePinning> pinning, ClassLoader classLoader) {
		this.pinning = pinning;
		this.classLoader = classLoader;
		this.webClientPresent = ClassUtils.isPresent(WEB_CLIENT_BUILDER, classLoader)
				&& ClassUtils.isPresent("reactor.core.publisher.Mono", classLoader);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof RestClient.Builder || bean instanceof RestTemplate
				|| (this.webClientPresent && WebClientBuilders.is(bean)))) {
			return bean;
		}
		SslBundlePinning pinning = this.pinning.getIfAvailable();
		if (pinning == null || !pinning.isActive()) {
			return bean;
		}
		if (bean instanceof RestClient.Builder builder) {
			Object factory = field(builder, "requestFactory");
			if (factory == null) {
				builder.requestFactory(PinnedClients.requestFactory(pinning, this.classLoader));
				record(beanName, "RestClient.Builder", null);
			}
			else {
				record(beanName, "RestClient.Builder", factory);
			}
		}
		else if (bean instanceof RestTemplate template) {
			Object factory = field(template, HttpAccessor.class, "requestFactory");
			if (factory != null && factory.getClass() == SimpleClientHttpRequestFactory.class) {
				template.setRequestFactory(PinnedClients.requestFactory(ClientHttpRequestFactoryBuilder.simple(), pinning));
				record(beanName, "RestTemplate", null);
			}
			else {
				record(beanName, "RestTemplate", factory);
			}
		}
		else {
			WebClientBuilders.pin(bean, beanName, pinning, this);
		}
		return bean;
	}

	/**
	 * Remembers what became of a client bean.
	 * @param beanName the bean
	 * @param type the client type, for the log
	 * @param ownFactory the factory or connector it came with, or {@code null} if it had
	 * none and was given a pinned one
	 */
	void record(String beanName, String type, @Nullable Object ownFactory) {
		String name = type + " '" + beanName + "'";
		if (ownFactory == null) {
			this.coverage.pinned(beanName, name + " (its default " + (type.startsWith("WebClient") ? "connector"
					: "request factory") + " replaced by a pinned one)");
		}
		else if (ownFactory == UNKNOWN) {
			this.coverage.unpinned(beanName, name + " could not be inspected (this version of Spring Framework keeps"
					+ " its factory elsewhere): it is pinned only if its factory was built by Spring Boot's builder, from"
					+ " a pinned SSL bundle, or under pinning.jvm-default=true");
		}
		else if (!PinnedFactories.isPinned(ownFactory)) {
			this.coverage.unpinned(beanName, name + " has a " + (type.startsWith("WebClient") ? "connector"
					: "request factory") + " of its own (" + ownFactory.getClass().getName() + "): it is pinned only"
					+ " if that was built from a pinned SSL bundle (SslBundles) or, under pinning.jvm-default=true,"
					+ " from the JVM's default trust; build it from Spring Boot's builder instead, or leave the"
					+ " factory out");
		}
	}

	@Override
	public List<String> appliedBy() {
		return this.coverage.appliedBy();
	}

	@Override
	public List<String> unpinned() {
		return this.coverage.unpinned();
	}

	static @Nullable Object field(Object target, String name) {
		return field(target, target.getClass(), name);
	}

	static @Nullable Object field(Object target, Class<?> declaringClass, String name) {
		Field field = ReflectionUtils.findField(declaringClass, name);
		if (field == null) {
			return UNKNOWN;
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

	/**
	 * The part that names WebFlux, loaded only when it is on the class path.
	 */
	private static final class WebClientBuilders {

		static boolean is(Object bean) {
			return bean instanceof org.springframework.web.reactive.function.client.WebClient.Builder;
		}

		static void pin(Object bean, String beanName, SslBundlePinning pinning,
				ApplicationClientsPostProcessor processor) {
			if (bean instanceof org.springframework.web.reactive.function.client.WebClient.Builder builder) {
				Object connector = field(builder, "connector");
				if (connector == null) {
					builder.clientConnector(PinnedClients.connector(pinning, processor.classLoader));
					processor.record(beanName, "WebClient.Builder", null);
				}
				else {
					processor.record(beanName, "WebClient.Builder", connector);
				}
			}
		}

	}

}
