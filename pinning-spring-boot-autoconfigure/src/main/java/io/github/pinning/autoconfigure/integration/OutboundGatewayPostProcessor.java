package io.github.pinning.autoconfigure.integration;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.pinning.autoconfigure.http.PinnedClients;
import io.github.pinning.autoconfigure.log.PinningCoverage;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.integration.http.outbound.HttpRequestExecutingMessageHandler;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestTemplate;

/**
 * Pins the {@code RestTemplate} of each Spring Integration HTTP outbound gateway or channel
 * adapter ({@code Http.outboundGateway(..)}, {@code Http.outboundChannelAdapter(..)}, their
 * XML forms): one that the handler made for itself, or that the application gave it, with
 * Spring Framework's default request factory gets a pinned one of the same kind, with the
 * JVM's default trust store. A template with a request factory of its own is left alone and
 * named by the start-up warning, unless the pinning builders made that factory (a template
 * from Spring Boot's {@code RestTemplateBuilder}).
 */
final class OutboundGatewayPostProcessor implements BeanPostProcessor, PinningCoverage {

	private final ObjectProvider<SslBundlePinning> pinning;

	/** What became of each handler, by bean name, for the start-up log. */
	private final Map<String, String> pinned = new TreeMap<>();

	private final Map<String, String> unpinned = new TreeMap<>();

	OutboundGatewayPostProcessor(ObjectProvider<SslBundlePinning> pinning) {
		this.pinning = pinning;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof HttpRequestExecutingMessageHandler handler)) {
			return bean;
		}
		SslBundlePinning pinning = this.pinning.getIfAvailable();
		if (pinning == null || !pinning.isActive()) {
			return bean;
		}
		String name = "Spring Integration HTTP outbound handler '" + beanName + "'";
		Field field = ReflectionUtils.findField(HttpRequestExecutingMessageHandler.class, "restTemplate");
		Object template = null;
		if (field != null) {
			ReflectionUtils.makeAccessible(field);
			template = ReflectionUtils.getField(field, handler);
		}
		synchronized (this) {
			if (template instanceof RestTemplate restTemplate && PinnedClients.pinDefaultRequestFactory(restTemplate, pinning)) {
				this.pinned.put(beanName, name);
			}
			else {
				this.unpinned.put(beanName, name + " has a RestTemplate with a request factory of its own: it is pinned"
						+ " only if that was built from a pinned SSL bundle or, under pinning.jvm-default=true, from the"
						+ " JVM's default trust; give it a RestTemplate from Spring Boot's RestTemplateBuilder instead");
			}
		}
		return bean;
	}

	@Override
	public synchronized List<String> appliedBy() {
		return new ArrayList<>(this.pinned.values());
	}

	@Override
	public synchronized List<String> unpinned() {
		return new ArrayList<>(this.unpinned.values());
	}

}
