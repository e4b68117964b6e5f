package io.github.pinning.autoconfigure.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.jvm.JvmDefaultSslContext;
import io.github.pinning.autoconfigure.ssl.PinningSslBundleRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.ClassUtils;

/**
 * Says at start-up, in one INFO line, what applies the pin sets: the client builders Spring
 * Boot defines, the SSL bundles, the JVM default. When pin sets are configured but nothing
 * will apply them, it warns instead, saying what is missing: pinning must never be silently
 * off.
 */
public final class PinningCoverageLog implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(PinningCoverageLog.class);

	/** Client builders by class name, with the name the log gives them. */
	private static final Map<String, String> BUILDERS = Map.of("org.springframework.web.client.RestClient$Builder",
			"RestClient.Builder", "org.springframework.boot.restclient.RestTemplateBuilder", "RestTemplateBuilder",
			"org.springframework.web.reactive.function.client.WebClient$Builder", "WebClient.Builder");

	private final LivePinningPolicy policy;

	private final ListableBeanFactory beanFactory;

	public PinningCoverageLog(LivePinningPolicy policy, ListableBeanFactory beanFactory) {
		this.policy = policy;
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		PinningPolicy policy = this.policy.get();
		if (policy.isEmpty()) {
			return;
		}
		List<String> applied = new ArrayList<>();
		BUILDERS.entrySet()
			.stream()
			.filter((builder) -> hasBean(builder.getKey()))
			.map(Map.Entry::getValue)
			.sorted()
			.forEach(applied::add);
		List<String> bundles = pinnedBundleNames();
		if (!bundles.isEmpty()) {
			applied.add("SSL bundles " + bundles);
		}
		if (this.beanFactory.getBeanProvider(JvmDefaultSslContext.class)
			.stream()
			.anyMatch(JvmDefaultSslContext::isInstalled)) {
			applied.add("the JVM's default trust (pinning.jvm-default)");
		}
		List<String> pinSets = policy.pinSets().stream().map(PinSet::name).toList();
		if (applied.isEmpty()) {
			logger.warn("Pin sets " + pinSets + " are configured, but nothing will apply them: there is no"
					+ " RestClient.Builder, RestTemplateBuilder or WebClient.Builder (Spring Boot 4 defines them only"
					+ " with spring-boot-starter-restclient or spring-boot-starter-webclient;"
					+ " spring-boot-starter-web alone does not), no SSL bundle (spring.ssl.bundle.*), and"
					+ " pinning.jvm-default is not true. Add a client starter, or set pinning.jvm-default=true to pin"
					+ " clients built by hand.");
		}
		else {
			logger.info("Pin sets " + pinSets + " are applied by: " + String.join(", ", applied) + ".");
		}
	}

	private boolean hasBean(String className) {
		ClassLoader classLoader = getClass().getClassLoader();
		if (!ClassUtils.isPresent(className, classLoader)) {
			return false;
		}
		return this.beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(className, classLoader), true,
				false).length > 0;
	}

	private List<String> pinnedBundleNames() {
		return this.beanFactory.getBeanProvider(SslBundles.class)
			.stream()
			.filter(PinningSslBundleRegistry.class::isInstance)
			.flatMap((bundles) -> bundles.getBundleNames().stream())
			.sorted()
			.toList();
	}

}
