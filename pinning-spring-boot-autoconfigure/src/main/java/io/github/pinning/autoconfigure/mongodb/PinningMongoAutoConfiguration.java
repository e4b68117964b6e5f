package io.github.pinning.autoconfigure.mongodb;

import com.mongodb.ConnectionString;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.jvm.JvmDefaultTrust;
import io.github.pinning.autoconfigure.log.PinningCoverage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link AutoConfiguration Auto-configuration} that names MongoDB in the start-up warning when
 * its client speaks TLS without an SSL bundle ({@link MongoCoverage}).
 */
@AutoConfiguration(after = PinningAutoConfiguration.class,
		afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass({ MongoProperties.class, ConnectionString.class })
@ConditionalOnBean(MongoProperties.class)
public final class PinningMongoAutoConfiguration {

	@Bean
	@Order(11)
	PinningCoverage pinningMongoCoverage(MongoProperties properties) {
		return new MongoCoverage(properties, JvmDefaultTrust::isInstalled);
	}

}
