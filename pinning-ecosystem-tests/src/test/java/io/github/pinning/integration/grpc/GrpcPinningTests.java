package io.github.pinning.integration.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.pinning.integration.HandshakeOnlyServers;
import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.TrustFiles;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Spring gRPC client channels over TLS, configured as its reference shows
 * ({@code spring.grpc.client.channels.<name>.negotiation-type=TLS}, with or without
 * {@code ssl.bundle}), created at the call or while the application starts, by default and with
 * {@code pinning.jvm-default}. The servers speak HTTP/1.1 and no ALPN, so after a genuine
 * handshake gRPC fails for want of HTTP/2: what counts is that the genuine handshake completes
 * and the impostor's is refused by pinning.
 */
class GrpcPinningTests {

	/** Spring Boot opens a Cassandra session at start-up wherever the driver is present. */
	private static final String NO_CASSANDRA = ",org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration";

	private static final String CHANNEL = "spring.grpc.client.channels.backend.";

	private static final MethodDescriptor<byte[], byte[]> CALL = MethodDescriptor.<byte[], byte[]>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("pinning.Test/Call")
		.setRequestMarshaller(new Bytes())
		.setResponseMarshaller(new Bytes())
		.build();

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	private static Path trustStore;

	@BeforeAll
	static void writeTrust() throws IOException {
		trustStore = TrustFiles.pem(Files.createTempDirectory("grpc").resolve("trusted.pem"), backends.pki().root(),
				backends.pki().rogueRoot());
	}

	@ParameterizedTest(name = "{0}, jvm-default={1}")
	@CsvSource({ "tls-at-the-call, false", "tls-at-the-call, true", "tls-at-start-up, false",
			"tls-at-start-up, true", "ssl-bundle, false" })
	void theGenuineHandshakeCompletesAndTheImpostorsIsRefusedByPinning(String channel, boolean jvmDefault)
			throws IOException {
		HandshakeOnlyServers.assertTheGenuineHandshakeCompletesAndTheImpostorsIsRefused(backends,
				(server) -> call(channel, server, jvmDefault));
	}

	private static Throwable call(String channel, TlsServer server, boolean jvmDefault) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(Backends.WITHOUT_DATA_CLIENTS + NO_CASSANDRA, "pinning.jvm-default=" + jvmDefault)
			.properties(backends.pinSet("local"))
			.properties(CHANNEL + "address=static://localhost:" + server.port(), CHANNEL + "negotiation-type=TLS");
		if (channel.equals("ssl-bundle")) {
			builder.properties("spring.ssl.bundle.pem.backends.truststore.certificate=" + trustStore.toUri(),
					CHANNEL + "ssl.bundle=backends");
		}
		if (channel.equals("tls-at-start-up")) {
			builder.properties("test.channel-at-start-up=true");
		}
		return catchThrowable(() -> {
			try (ConfigurableApplicationContext application = builder.run()) {
				ManagedChannel managed = application.getBeanProvider(StartUpChannel.class)
					.stream()
					.map(StartUpChannel::channel)
					.findFirst()
					.orElseGet(() -> application.getBean(GrpcChannelFactory.class).createChannel("backend"));
				ClientCalls.blockingUnaryCall(managed, CALL, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
						new byte[0]);
			}
		});
	}

	/** A channel created while the application starts, as a bean's constructor would. */
	record StartUpChannel(ManagedChannel channel) {
	}

	/** Messages as they are. */
	static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		@Bean
		@ConditionalOnProperty("test.channel-at-start-up")
		StartUpChannel startUpChannel(GrpcChannelFactory channels) {
			return new StartUpChannel(channels.createChannel("backend"));
		}

	}

}
