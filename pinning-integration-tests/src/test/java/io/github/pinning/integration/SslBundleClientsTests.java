package io.github.pinning.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.mongodb.client.MongoClient;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.ssl.PinningSslBundleRegistry;
import io.github.pinning.test.Failures;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.TrustFiles;
import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Data clients that Spring Boot configures from an SSL bundle ({@code ...ssl.bundle=test}),
 * pointed at TLS servers on loopback. The servers speak HTTP, not the client's protocol, so even
 * the genuine server ends in a protocol error or a timeout after the handshake: that is
 * expected. What counts is the handshake: the genuine one completes (the server counts it), the
 * impostor's fails with a {@code CertificatePinningException}, which the pinning listener
 * records.
 */
class SslBundleClientsTests {

	private static final TestPki pki = TestPki.localhost();

	private static TlsServer genuine;

	private static TlsServer impostor;

	private static Path trust;

	@BeforeAll
	static void start() throws Exception {
		genuine = TlsServer.start(pki.genuineServer(), "genuine");
		impostor = TlsServer.start(pki.rogueServer(), "impostor");
		trust = TrustFiles.pem(Files.createTempDirectory("bundles").resolve("trust.pem"), pki.root(), pki.rogueRoot());
	}

	@AfterAll
	static void stop() throws Exception {
		genuine.close();
		impostor.close();
	}

	private ApplicationContextRunner runner(DataClient client, TlsServer server) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, PinningAutoConfiguration.class,
					DataRedisAutoConfiguration.class, KafkaAutoConfiguration.class, MongoAutoConfiguration.class))
			.withBean(RecordingListener.class)
			.withPropertyValues("spring.ssl.bundle.pem.test.truststore.certificate=" + trust.toUri(),
					"pinning.pin-sets.local.hosts=localhost",
					"pinning.pin-sets.local.pins=" + TestPki.pin(pki.intermediate()) + "," + TestPki.pin(pki.root()))
			.withPropertyValues(client.properties(server.port()));
	}

	@ParameterizedTest
	@EnumSource
	void theGenuineHandshakeCompletes(DataClient client) {
		int before = genuine.handshakes();
		runner(client, genuine).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SslBundles.class)).isInstanceOf(PinningSslBundleRegistry.class);
			Throwable failure = catchThrowable(() -> client.use(context));
			assertThat(failure == null || !Failures.isPinningFailure(failure)).as("%s", failure).isTrue();
			assertThat(genuine.handshakes()).as("handshakes the genuine server completed").isGreaterThan(before);
			assertThat(context.getBean(RecordingListener.class).checks()).contains("local:match:localhost");
		});
	}

	@ParameterizedTest
	@EnumSource
	void theImpostorsHandshakeIsRefusedByPinning(DataClient client) {
		runner(client, impostor).run((context) -> {
			Throwable failure = catchThrowable(() -> client.use(context));
			assertThat(failure).isNotNull();
			assertThat(Failures.isPinningFailure(failure) || String.valueOf(failure.getMessage())
				.contains("Certificate pinning failure for localhost")).as("%s", failure).isTrue();
			assertThat(context.getBean(RecordingListener.class).violations()).isNotEmpty()
				.allSatisfy((violation) -> assertThat(violation.host()).isEqualTo("localhost"));
			// The impostor may complete its handshake (it holds its key), but receives nothing.
			assertThat(impostor.connectionsWithData()).isZero();
		});
	}

	enum DataClient {

		/** Spring Data Redis with Lettuce, {@code spring.data.redis.ssl.bundle}. */
		REDIS_LETTUCE((port) -> new String[] { "spring.data.redis.host=localhost", "spring.data.redis.port=" + port,
				"spring.data.redis.ssl.bundle=test", "spring.data.redis.timeout=1s",
				"spring.data.redis.connect-timeout=3s" }) {
			@Override
			void use(ApplicationContext context) {
				try (var connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
					connection.ping();
				}
			}
		},

		/** Kafka's admin client, {@code spring.kafka.ssl.bundle}. */
		KAFKA((port) -> new String[] { "spring.kafka.bootstrap-servers=localhost:" + port,
				"spring.kafka.security.protocol=SSL", "spring.kafka.ssl.bundle=test",
				"spring.kafka.admin.properties[request.timeout.ms]=1500",
				"spring.kafka.admin.properties[default.api.timeout.ms]=1500" }) {
			@Override
			void use(ApplicationContext context) throws Exception {
				try (AdminClient admin = AdminClient.create(context.getBean(KafkaAdmin.class).getConfigurationProperties())) {
					admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
				}
			}
		},

		/** The MongoDB driver, {@code spring.mongodb.ssl.bundle}. */
		MONGODB((port) -> new String[] { "spring.mongodb.uri=mongodb://localhost:" + port
				+ "/test?serverSelectionTimeoutMS=1500&connectTimeoutMS=3000", "spring.mongodb.ssl.enabled=true",
				"spring.mongodb.ssl.bundle=test" }) {
			@Override
			void use(ApplicationContext context) {
				context.getBean(MongoClient.class).listDatabaseNames().first();
			}
		};

		private final Function<Integer, String[]> properties;

		DataClient(Function<Integer, String[]> properties) {
			this.properties = properties;
		}

		String[] properties(int port) {
			return this.properties.apply(port);
		}

		abstract void use(ApplicationContext context) throws Exception;

	}


}
