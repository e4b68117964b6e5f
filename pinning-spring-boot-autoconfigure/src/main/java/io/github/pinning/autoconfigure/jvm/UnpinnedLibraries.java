package io.github.pinning.autoconfigure.jvm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.github.pinning.autoconfigure.log.PinningCoverage;

import org.springframework.util.ClassUtils;

/**
 * Names, for the start-up warning, the client libraries on the class path whose clients the
 * starter does not pin through a hook of their own, and says what pins them instead: an SSL
 * bundle where the library takes one, and otherwise {@code pinning.jvm-default=true}, under
 * which they are pinned through the JVM's default trust (and so not named).
 */
final class UnpinnedLibraries implements PinningCoverage {

	/** Each library by a class that marks it, with what pins its clients. */
	static final Map<String, String> LIBRARIES;

	static {
		Map<String, String> libraries = new LinkedHashMap<>();
		libraries.put("org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager",
				"Spring Security OAuth2 client: the token requests of Spring Security's own authorized-client manager"
						+ " and login, and login's user info, are pinned; OIDC discovery (issuer-uri) and ID-token key"
						+ " requests, and managers built by hand, take the JVM's trust; set pinning.jvm-default=true");
		libraries.put("org.springframework.ws.client.core.WebServiceTemplate",
				"Spring Web Services: a WebServiceTemplate from Spring Boot's WebServiceTemplateBuilder is pinned; one"
						+ " made with new WebServiceTemplate() or by WebServiceGatewaySupport takes the JVM's trust; set"
						+ " pinning.jvm-default=true");
		libraries.put("org.springframework.integration.webflux.outbound.WebFluxRequestExecutingMessageHandler",
				"Spring Integration WebFlux: an outbound gateway is pinned when given a WebClient from Spring Boot's"
						+ " WebClient.Builder; one it makes itself takes the JVM's trust; set pinning.jvm-default=true");
		LIBRARIES = Map.copyOf(libraries);
	}

	private final Map<String, String> libraries;

	private final ClassLoader classLoader;

	private final BooleanSupplier jvmDefaultPinned;

	UnpinnedLibraries(Map<String, String> libraries, ClassLoader classLoader, BooleanSupplier jvmDefaultPinned) {
		this.libraries = libraries;
		this.classLoader = classLoader;
		this.jvmDefaultPinned = jvmDefaultPinned;
	}

	@Override
	public List<String> appliedBy() {
		return List.of();
	}

	@Override
	public List<String> unpinned() {
		if (this.jvmDefaultPinned.getAsBoolean()) {
			return List.of();
		}
		return this.libraries.entrySet()
			.stream()
			.filter((library) -> ClassUtils.isPresent(library.getKey(), this.classLoader))
			.map(Map.Entry::getValue)
			.sorted()
			.toList();
	}

}
