package io.github.pinning.autoconfigure.kafka;

import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaCoverageTests {

	private final KafkaProperties properties = new KafkaProperties();

	@Test
	void tlsWithoutABundleIsNamedWithItsFixWhileTheJvmDefaultIsNotPinned() {
		this.properties.getSecurity().setProtocol("SSL");
		assertThat(new KafkaCoverage(this.properties, () -> false).unpinned()).singleElement()
			.asString()
			.contains("spring.kafka.ssl.bundle", "pinning.jvm-default=true");
		assertThat(new KafkaCoverage(this.properties, () -> true).unpinned()).isEmpty();
	}

	@Test
	void aSecurityProtocolGivenAsAClientPropertyCountsToo() {
		this.properties.getProperties().put("security.protocol", "sasl_ssl");
		assertThat(new KafkaCoverage(this.properties, () -> false).unpinned()).hasSize(1);
	}

	@Test
	void aTrustStoreOfItsOwnIsNamedEvenWithTheJvmDefaultPinned() {
		this.properties.getSecurity().setProtocol("SSL");
		this.properties.getSsl().setTrustStoreLocation(new ByteArrayResource(new byte[0]));
		assertThat(new KafkaCoverage(this.properties, () -> true).unpinned()).singleElement()
			.asString()
			.contains("spring.kafka.ssl.trust-store-*");
	}

	@Test
	void aBundleOrPlaintextIsNotNamed() {
		assertThat(new KafkaCoverage(this.properties, () -> false).unpinned()).isEmpty();
		this.properties.getSecurity().setProtocol("SSL");
		this.properties.getSsl().setBundle("kafka");
		assertThat(new KafkaCoverage(this.properties, () -> false).unpinned()).isEmpty();
	}

}
