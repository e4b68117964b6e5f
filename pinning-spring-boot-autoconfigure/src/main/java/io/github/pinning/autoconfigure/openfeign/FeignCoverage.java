package io.github.pinning.autoconfigure.openfeign;

import java.util.ArrayList;
import java.util.List;

import feign.Client;
import io.github.pinning.autoconfigure.jvm.JvmDefaultTrust;
import io.github.pinning.autoconfigure.log.BeanOrigins;
import io.github.pinning.autoconfigure.log.PinningCoverage;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cloud.openfeign.support.FeignHttpClientProperties;

/**
 * Tells, from the Feign {@link Client} beans in force, whether OpenFeign's clients are pinned:
 * the pinned default client, and Spring Cloud OpenFeign's Apache HttpClient 5 and
 * {@code http2client} clients (pinned through their customizers) are; the load-balanced
 * default client (a {@code Client.Default} without a socket factory) is only under
 * {@code pinning.jvm-default}; a client bean of the application's own is named by the warning.
 */
final class FeignCoverage implements PinningCoverage {

	private static final String SPRING_CLOUD_OPENFEIGN = "org.springframework.cloud.openfeign.";

	private final ConfigurableListableBeanFactory beanFactory;

	private final FeignHttpClientProperties properties;

	FeignCoverage(ConfigurableListableBeanFactory beanFactory, FeignHttpClientProperties properties) {
		this.beanFactory = beanFactory;
		this.properties = properties;
	}

	@Override
	public List<String> appliedBy() {
		return unpinned().isEmpty() && clients().length > 0 ? List.of("OpenFeign") : List.of();
	}

	@Override
	public List<String> unpinned() {
		List<String> unpinned = new ArrayList<>();
		for (String name : clients()) {
			String origin = BeanOrigins.origin(this.beanFactory, name);
			if (origin == null) {
				origin = "";
			}
			if (origin.startsWith(PinningFeignAutoConfiguration.class.getName())) {
				continue;
			}
			if (origin.startsWith(SPRING_CLOUD_OPENFEIGN + "loadbalancer.DefaultFeignLoadBalancerConfiguration")) {
				if (JvmDefaultTrust.isInstalled()) {
					continue;
				}
				unpinned.add("OpenFeign's load-balanced default client (Feign Client bean '" + name + "' over"
						+ " Client.Default): it takes the JVM's default trust, so set pinning.jvm-default=true, or add"
						+ " feign-hc5 to the class path");
			}
			else if (!origin.startsWith(SPRING_CLOUD_OPENFEIGN)) {
				unpinned.add("Feign Client bean '" + name + "' of the application's own (" + origin + "): give it a"
						+ " socket factory or SSL context from a pinned SSL bundle (SslBundles)");
			}
			else if (this.properties.isDisableSslValidation()) {
				unpinned.add("OpenFeign's Apache HttpClient 5 client, with"
						+ " spring.cloud.openfeign.httpclient.disable-ssl-validation=true: certificate validation and"
						+ " pins are both off; remove the property");
			}
		}
		return unpinned;
	}

	private String[] clients() {
		return this.beanFactory.getBeanNamesForType(Client.class, true, false);
	}

}
