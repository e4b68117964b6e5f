package io.github.pinning.autoconfigure.kafka;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.jvm.JvmDefaultTrust;
import io.github.pinning.autoconfigure.log.PinningCoverage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link AutoConfiguration Auto-configuration} that names Kafka in the start-up warning when
 * its clients speak TLS without an SSL bundle ({@link KafkaCoverage}).
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaProperties.class)
@ConditionalOnBean(KafkaProperties.class)
public final class PinningKafkaAutoConfiguration {

	@Bean
	@Order(10)
	PinningCoverage pinningKafkaCoverage(KafkaProperties properties) {
		return new KafkaCoverage(properties, JvmDefaultTrust::isInstalled);
	}

}
