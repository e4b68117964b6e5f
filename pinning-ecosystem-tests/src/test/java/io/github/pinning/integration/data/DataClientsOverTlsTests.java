package io.github.pinning.integration.data;

import java.io.IOException;
import java.util.function.Function;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import io.github.pinning.integration.HandshakeOnlyServers;
import io.github.pinning.test.Backends;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.TrustFiles;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * RabbitMQ, Elasticsearch, Cassandra and Redis (Lettuce) over TLS, configured as Spring Boot's
 * reference shows ({@code spring.rabbitmq.ssl.enabled}, {@code spring.elasticsearch.uris=https://...},
 * {@code spring.cassandra.ssl.enabled}, {@code spring.data.redis.ssl.enabled}): with the JVM's trust
 * store and no SSL bundle, by default and with {@code pinning.jvm-default}, and with an SSL bundle
 * named by the client's own {@code ssl.bundle} property. The JVM and the bundle trust both roots; the servers speak HTTP, so after a genuine handshake a protocol error is
 * expected (except for Elasticsearch, which speaks HTTP): what counts is that the genuine
 * handshake completes and the impostor's is refused by pinning.
 */
class DataClientsOverTlsTests {

	private static final String CASSANDRA_CLIENT = "org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration";

	private static final String REDIS_CLIENT = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";

	private static final String MONGODB_CLIENT = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration";

	/**
	 * Each test starts the auto-configuration of its own client only: Spring Boot opens a
	 * Cassandra session at start-up wherever the driver is present, and Kafka's admin client
	 * connects at start-up.
	 */
	private static String onlyTheClient(String client) {
		return "spring.autoconfigure.exclude=org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
				+ java.util.stream.Stream.of(CASSANDRA_CLIENT, REDIS_CLIENT, MONGODB_CLIENT)
					.filter((autoConfiguration) -> !autoConfiguration.equals(client))
					.collect(java.util.stream.Collectors.joining(","));
	}

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	/** Where a client takes its trust from. */
	enum Trust {

		/** The JVM's trust store, no SSL bundle. */
		JVM,

		/** The JVM's trust store, with {@code pinning.jvm-default=true}. */
		JVM_DEFAULT_PINNED,

		/** An SSL bundle named by the client's {@code ssl.bundle} property. */
		BUNDLE

	}

	static Iterable<Arguments> clients() {
		return java.util.Arrays.stream(DataClient.values())
			.flatMap((client) -> java.util.Arrays.stream(Trust.values()).map((trust) -> Arguments.of(client, trust)))
			.toList();
	}

	@ParameterizedTest(name = "{0}, {1}")
	@MethodSource("clients")
	void theGenuineHandshakeCompletesAndTheImpostorsIsRefusedByPinning(DataClient client, Trust trust)
			throws IOException {
		HandshakeOnlyServers.assertTheGenuineHandshakeCompletesAndTheImpostorsIsRefused(backends,
				(server) -> use(client, server, trust));
	}

	private static Throwable use(DataClient client, TlsServer server, Trust trust) {
		return catchThrowable(() -> {
			try (ConfigurableApplicationContext application = new SpringApplicationBuilder(Application.class)
				.web(WebApplicationType.NONE)
				.properties(backends.pinSet("local"))
				.properties("pinning.jvm-default=" + (trust == Trust.JVM_DEFAULT_PINNED))
				.properties(client.properties(server.port()))
				.properties((trust != Trust.BUNDLE) ? new String[0] : new String[] { client.bundleProperty + "=test",
						"spring.ssl.bundle.jks.test.truststore.location=file:" + backends.jvmTrustStore(),
						"spring.ssl.bundle.jks.test.truststore.type=PKCS12",
						"spring.ssl.bundle.jks.test.truststore.password=" + TrustFiles.PASSWORD })
				.run()) {
				client.use(application);
			}
		});
	}

	enum DataClient {

		/** Spring AMQP over RabbitMQ's Java client. */
		RABBITMQ("spring.rabbitmq.ssl.bundle", (port) -> new String[] { "spring.rabbitmq.host=localhost", "spring.rabbitmq.port=" + port,
				"spring.rabbitmq.ssl.enabled=true", "spring.rabbitmq.connection-timeout=3s", onlyTheClient(null) }) {
			@Override
			void use(ConfigurableApplicationContext context) {
				context.getBean(ConnectionFactory.class).createConnection().close();
			}
		},

		/** Elasticsearch's low-level REST client. */
		ELASTICSEARCH("spring.elasticsearch.restclient.ssl.bundle", (port) -> new String[] { "spring.elasticsearch.uris=https://localhost:" + port,
				"spring.elasticsearch.connection-timeout=3s", "spring.elasticsearch.socket-timeout=3s",
				onlyTheClient(null) }) {
			@Override
			void use(ConfigurableApplicationContext context) throws Exception {
				context.getBean(Rest5Client.class).performRequest(new Request("GET", "/"));
			}
		},

		/** The Cassandra driver, through the session Spring Boot makes. */
		CASSANDRA("spring.cassandra.ssl.bundle", (port) -> new String[] { "spring.cassandra.contact-points=localhost:" + port,
				"spring.cassandra.local-datacenter=dc1", "spring.cassandra.ssl.enabled=true",
				"spring.cassandra.connection.connect-timeout=3s", "spring.cassandra.connection.init-query-timeout=3s",
				onlyTheClient(CASSANDRA_CLIENT) }) {
			@Override
			void use(ConfigurableApplicationContext context) {
				context.getBean(CqlSession.class).execute("SELECT release_version FROM system.local");
			}
		},

		/** Spring Data Redis over Lettuce. */
		REDIS_LETTUCE("spring.data.redis.ssl.bundle", (port) -> new String[] { "spring.data.redis.host=localhost", "spring.data.redis.port=" + port,
				"spring.data.redis.ssl.enabled=true", "spring.data.redis.timeout=500ms",
				"spring.data.redis.connect-timeout=2s", onlyTheClient(REDIS_CLIENT) }) {
			@Override
			void use(ConfigurableApplicationContext context) {
				try (RedisConnection connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
					connection.ping();
				}
			}
		};

		private final String bundleProperty;

		private final Function<Integer, String[]> properties;

		DataClient(String bundleProperty, Function<Integer, String[]> properties) {
			this.bundleProperty = bundleProperty;
			this.properties = properties;
		}

		String[] properties(int port) {
			return this.properties.apply(port);
		}

		abstract void use(ConfigurableApplicationContext context) throws Exception;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		/** The driver's event loops otherwise wait two quiet seconds each as a failed session closes. */
		@Bean
		DriverConfigLoaderBuilderCustomizer closeCassandraAtOnce() {
			return (builder) -> builder.withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
				.withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
		}

	}

}
