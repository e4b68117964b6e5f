package io.github.pinning.autoconfigure.mongodb;

import org.junit.jupiter.api.Test;

import org.springframework.boot.mongodb.autoconfigure.MongoProperties;

import static org.assertj.core.api.Assertions.assertThat;

class MongoCoverageTests {

	private final MongoProperties properties = new MongoProperties();

	@Test
	void tlsWithoutABundleIsNamedWithItsFixWhileTheJvmDefaultIsNotPinned() {
		this.properties.getSsl().setEnabled(true);
		assertThat(new MongoCoverage(this.properties, () -> false).unpinned()).singleElement()
			.asString()
			.contains("spring.mongodb.ssl.bundle", "pinning.jvm-default=true");
		assertThat(new MongoCoverage(this.properties, () -> true).unpinned()).isEmpty();
	}

	@Test
	void tlsAskedForByTheConnectionStringCountsToo() {
		this.properties.setUri("mongodb://db.example.com:27017/app?tls=true");
		assertThat(new MongoCoverage(this.properties, () -> false).unpinned()).hasSize(1);
		this.properties.setUri("mongodb://db.example.com:27017/app?ssl=true");
		assertThat(new MongoCoverage(this.properties, () -> false).unpinned()).hasSize(1);
	}

	@Test
	void aBundleOrPlaintextIsNotNamed() {
		assertThat(new MongoCoverage(this.properties, () -> false).unpinned()).isEmpty();
		this.properties.setUri("mongodb://db.example.com:27017/app");
		assertThat(new MongoCoverage(this.properties, () -> false).unpinned()).isEmpty();
		this.properties.getSsl().setEnabled(true);
		this.properties.getSsl().setBundle("mongo");
		assertThat(new MongoCoverage(this.properties, () -> false).unpinned()).isEmpty();
	}

}
