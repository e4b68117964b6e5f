package io.github.pinning.autoconfigure.kafka;

import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import io.github.pinning.autoconfigure.log.PinningCoverage;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Names Kafka in the start-up warning when its clients speak TLS without an SSL bundle: the
 * Kafka client then builds its trust itself, from {@code spring.kafka.ssl.trust-store-*} or the
 * JVM's trust store, through no hook the starter reaches. A bundle
 * ({@code spring.kafka.ssl.bundle}) comes pinned from the registry; the JVM's trust store is
 * pinned under {@code pinning.jvm-default=true}.
 */
final class KafkaCoverage implements PinningCoverage {

	private final KafkaProperties properties;

	private final BooleanSupplier jvmDefaultPinned;

	KafkaCoverage(KafkaProperties properties, BooleanSupplier jvmDefaultPinned) {
		this.properties = properties;
		this.jvmDefaultPinned = jvmDefaultPinned;
	}

	@Override
	public List<String> appliedBy() {
		return List.of();
	}

	@Override
	public List<String> unpinned() {
		KafkaProperties.Ssl ssl = this.properties.getSsl();
		if (!usesTls() || ssl.getBundle() != null) {
			return List.of();
		}
		if (ssl.getTrustStoreLocation() != null || ssl.getTrustStoreCertificates() != null) {
			return List.of("Kafka with spring.kafka.ssl.trust-store-*: its clients build their trust from it, which the"
					+ " starter does not reach; configure the same trust as an SSL bundle and set spring.kafka.ssl.bundle");
		}
		return this.jvmDefaultPinned.getAsBoolean() ? List.of()
				: List.of("Kafka over TLS without spring.kafka.ssl.bundle: its clients take the JVM's trust store; set"
						+ " spring.kafka.ssl.bundle or pinning.jvm-default=true");
	}

	private boolean usesTls() {
		Object protocol = (this.properties.getSecurity().getProtocol() != null)
				? this.properties.getSecurity().getProtocol() : this.properties.getProperties().get("security.protocol");
		return protocol != null && protocol.toString().toUpperCase(Locale.ROOT).endsWith("SSL");
	}

}
