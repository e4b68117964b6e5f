package io.github.pinning.autoconfigure.integration;

import java.lang.reflect.Field;
import java.util.List;

import io.github.pinning.autoconfigure.http.PinnedClients;
import io.github.pinning.autoconfigure.log.BeanCoverage;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.integration.http.outbound.HttpRequestExecutingMessageHandler;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Pins the client of each Spring Integration HTTP outbound gateway or channel adapter
 * ({@code Http.outboundGateway(..)}, {@code Http.outboundChannelAdapter(..)}, their XML forms)
 * before the handler is initialized: the client the handler makes for itself (a
 * {@code RestTemplate} up to Spring Integration 7.0, a {@code RestClient} from 7.1), and a
 * {@code RestTemplate} the application gave it with Spring Framework's default request factory,
 * get a pinned request factory of the kind they would have used, with the JVM's default trust
 * store. A client with a request factory of its own is left alone and named by the start-up
 * warning, unless the pinning builders made that factory (one from Spring Boot's
 * {@code RestTemplateBuilder} or {@code RestClient.Builder}).
 */
final class OutboundGatewayPostProcessor implements BeanPostProcessor, PinningCoverage {

	private final ObjectProvider<SslBundlePinning> pinning;

	private final ClassLoader classLoader;

	private final BeanCoverage coverage = new BeanCoverage();

	OutboundGatewayPostProcessor(ObjectProvider<SslBundlePinning> pinning, ClassLoader classLoader) {
		this.pinning = pinning;
		this.classLoader = classLoader;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (!(bean instanceof HttpRequestExecutingMessageHandler handler)) {
			return bean;
		}
		SslBundlePinning pinning = this.pinning.getIfAvailable();
		if (pinning == null || !pinning.isActive()) {
			return bean;
		}
		String name = "Spring Integration HTTP outbound handler '" + beanName + "'";
		if (pin(handler, pinning)) {
			this.coverage.pinned(beanName, name);
		}
		else {
			this.coverage.unpinned(beanName, name + " has a client with a request factory of its own: it is pinned"
					+ " only if that was built from a pinned SSL bundle or, under pinning.jvm-default=true, from the"
					+ " JVM's default trust; give it a client from Spring Boot's RestClient.Builder or"
					+ " RestTemplateBuilder instead");
		}
		return bean;
	}

	/** Pins the handler's client where it has the default factory; tells whether it is pinned. */
	private boolean pin(HttpRequestExecutingMessageHandler handler, SslBundlePinning pinning) {
		if (field(handler, "restTemplate") instanceof RestTemplate template) {
			return PinnedClients.pinDefaultRequestFactory(template, pinning);
		}
		if (field(handler, "localRestClientBuilder") instanceof RestClient.Builder builder) {
			return PinnedClients.pinDefaultRequestFactory(builder, pinning, this.classLoader);
		}
		return field(handler, "restClient") instanceof RestClient client && PinnedClients.isPinned(client);
	}

	private static @Nullable Object field(HttpRequestExecutingMessageHandler handler, String name) {
		Field field = ReflectionUtils.findField(HttpRequestExecutingMessageHandler.class, name);
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, handler);
	}

	@Override
	public List<String> appliedBy() {
		return this.coverage.appliedBy();
	}

	@Override
	public List<String> unpinned() {
		return this.coverage.unpinned();
	}

}
