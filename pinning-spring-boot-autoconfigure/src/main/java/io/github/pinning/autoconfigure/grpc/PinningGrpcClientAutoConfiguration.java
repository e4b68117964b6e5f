package io.github.pinning.autoconfigure.grpc;

import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.ssl.SslBundlePinning;
import io.grpc.TlsChannelCredentials;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.ChannelCredentialsProvider;

/**
 * {@link AutoConfiguration Auto-configuration} that pins Spring gRPC's client channels over
 * TLS that take the JVM's default trust ({@link PinningChannelCredentialsPostProcessor});
 * a channel with an SSL bundle takes it from the pinned registry.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnClass({ ChannelCredentialsProvider.class, TlsChannelCredentials.class })
public final class PinningGrpcClientAutoConfiguration {

	@Bean
	static PinningChannelCredentialsPostProcessor pinningGrpcChannelCredentialsPostProcessor(
			ObjectProvider<SslBundlePinning> pinning) {
		return new PinningChannelCredentialsPostProcessor(pinning);
	}

}
