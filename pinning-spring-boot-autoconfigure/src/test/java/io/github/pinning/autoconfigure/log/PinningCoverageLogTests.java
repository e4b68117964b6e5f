package io.github.pinning.autoconfigure.log;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.mongodb.PinningMongoAutoConfiguration;
import io.github.pinning.test.ClientConfigurations;
import io.github.pinning.test.TestBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class PinningCoverageLogTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	@Test
	void warnsWhenPinSetsExistButNoClientBuilderBundleOrJvmDefaultWillApplyThem(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class))
			.withPropertyValues(backends.pinSet())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Pin sets [local] are configured, but nothing will apply them")
					.contains("spring-boot-starter-restclient or spring-boot-starter-webclient")
					.contains("pinning.jvm-default=true");
			});
	}

	@Test
	void saysWhatAppliesThePinSets(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(ClientConfigurations.PINNED_CLIENTS)
			.withPropertyValues(backends.pinSet())
			.withPropertyValues(backends.trustBundle(true))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Pin sets [local] are applied by: RestClient.Builder, RestTemplateBuilder,"
						+ " WebClient.Builder, SSL bundles [test].")
					.doesNotContain("nothing will apply them");
			});
	}

	@Test
	void aBundleAloneAppliesThem(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, PinningAutoConfiguration.class))
			.withPropertyValues(backends.pinSet())
			.withPropertyValues(backends.trustBundle(false))
			.run((context) -> assertThat(output).contains("Pin sets [local] are applied by: SSL bundles [test].")
				.doesNotContain("nothing will apply them"));
	}

	@Test
	void warnsOfMongoDbOverTlsWithoutABundle(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class, PinningMongoAutoConfiguration.class))
			.withPropertyValues(backends.pinSet())
			.withBean(MongoProperties.class, () -> {
				MongoProperties properties = new MongoProperties();
				properties.setUri("mongodb://db.example.com/app?tls=true");
				return properties;
			})
			.run((context) -> assertThat(output).contains("Pin sets [local] are not applied by these clients:")
				.contains("MongoDB over TLS without spring.mongodb.ssl.bundle"));
	}

	@Test
	void saysNothingWithoutPinSets(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PinningAutoConfiguration.class))
			.run((context) -> assertThat(output).doesNotContain("Pin sets"));
	}

}
