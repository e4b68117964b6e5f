package io.github.pinning.autoconfigure.log;

import java.util.List;
import java.util.stream.Collectors;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Says at start-up, in one INFO line, what applies the pin sets, as each
 * {@link PinningCoverage} tells it: the client builders Spring Boot defines, the SSL bundles,
 * the JVM default. When pin sets are configured but nothing will apply them, it warns
 * instead, saying what is missing, and it warns of every client found that the pins do not
 * reach, with what would pin it: pinning must never be silently off.
 */
final class PinningCoverageLog implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(PinningCoverageLog.class);

	private final LivePinningPolicy policy;

	private final ObjectProvider<PinningCoverage> coverage;

	PinningCoverageLog(LivePinningPolicy policy, ObjectProvider<PinningCoverage> coverage) {
		this.policy = policy;
		this.coverage = coverage;
	}

	@Override
	public void afterSingletonsInstantiated() {
		PinningPolicy policy = this.policy.get();
		if (policy.isEmpty()) {
			return;
		}
		List<String> applied = this.coverage.orderedStream()
			.flatMap((coverage) -> coverage.appliedBy().stream())
			.toList();
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
		List<String> unpinned = this.coverage.orderedStream()
			.flatMap((coverage) -> coverage.unpinned().stream())
			.toList();
		if (!unpinned.isEmpty()) {
			logger.warn("Pin sets " + pinSets + " are not applied by these clients:"
					+ unpinned.stream().map((client) -> "\n  - " + client).collect(Collectors.joining()));
		}
	}

}
