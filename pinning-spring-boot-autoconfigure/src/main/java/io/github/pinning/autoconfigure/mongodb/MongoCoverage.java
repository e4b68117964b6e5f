package io.github.pinning.autoconfigure.mongodb;

import java.util.List;
import java.util.function.BooleanSupplier;

import com.mongodb.ConnectionString;
import io.github.pinning.autoconfigure.log.PinningCoverage;

import org.springframework.boot.mongodb.autoconfigure.MongoProperties;

/**
 * Names MongoDB in the start-up warning when its client speaks TLS without an SSL bundle
 * ({@code spring.mongodb.ssl.enabled}, or TLS asked for by the connection string, including a
 * {@code mongodb+srv:} one, where it is the default): the client then takes the JVM's default
 * SSL context, which only {@code pinning.jvm-default=true} pins. A bundle
 * ({@code spring.mongodb.ssl.bundle}) comes pinned from the registry.
 */
final class MongoCoverage implements PinningCoverage {

	private final MongoProperties properties;

	private final BooleanSupplier jvmDefaultPinned;

	MongoCoverage(MongoProperties properties, BooleanSupplier jvmDefaultPinned) {
		this.properties = properties;
		this.jvmDefaultPinned = jvmDefaultPinned;
	}

	@Override
	public List<String> appliedBy() {
		return List.of();
	}

	@Override
	public List<String> unpinned() {
		if (this.properties.getSsl().getBundle() != null || !usesTls() || this.jvmDefaultPinned.getAsBoolean()) {
			return List.of();
		}
		return List.of("MongoDB over TLS without spring.mongodb.ssl.bundle: its client takes the JVM's default SSL"
				+ " context; set spring.mongodb.ssl.bundle or pinning.jvm-default=true");
	}

	private boolean usesTls() {
		if (this.properties.getSsl().isEnabled()) {
			return true;
		}
		String uri = this.properties.getUri();
		if (uri == null) {
			return false;
		}
		try {
			return Boolean.TRUE.equals(new ConnectionString(uri).getSslEnabled());
		}
		catch (IllegalArgumentException ex) {
			// Spring Boot reports a connection string it cannot read when it builds the client.
			return false;
		}
	}

}
