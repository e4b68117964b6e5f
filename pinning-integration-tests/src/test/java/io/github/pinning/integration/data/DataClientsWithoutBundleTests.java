package io.github.pinning.integration.data;

import java.util.function.Function;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import io.github.pinning.integration.Backends;
import io.github.pinning.test.Failures;
import io.github.pinning.test.RecordingListener;
import io.github.pinning.test.TlsServer;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * RabbitMQ, Elasticsearch and Cassandra over TLS with the JVM's trust store and no SSL bundle,
 * configured as Spring Boot's reference shows ({@code spring.rabbitmq.ssl.enabled},
 * {@code spring.elasticsearch.uris=https://...}, {@code spring.cassandra.ssl.enabled}), by
 * default and with {@code pinning.jvm-default}. The JVM trusts both roots; the servers speak
 * HTTP, so after a genuine handshake a protocol error is expected (except for Elasticsearch,
 * which speaks HTTP): what counts is that the genuine handshake completes and the impostor's
 * is refused by pinning.
 */
class DataClientsWithoutBundleTests {

	/** Spring Boot opens a Cassandra session at start-up wherever the driver is present. */
	private static final String NO_CASSANDRA = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration";

	@RegisterExtension
	static final Backends backends = Backends.trustedByTheJvm();

	static Iterable<Arguments> clients() {
		return java.util.Arrays.stream(DataClient.values())
			.flatMap((client) -> java.util.stream.Stream.of(Arguments.of(client, false), Arguments.of(client, true)))
			.toList();
	}

	@ParameterizedTest(name = "{0}, jvm-default={1}")
	@MethodSource("clients")
	void theGenuineHandshakeCompletesAndTheImpostorsIsRefusedByPinning(DataClient client, boolean jvmDefault) {
		TlsServer genuine = backends.genuine();
		TlsServer impostor = backends.impostor();
		int before = genuine.handshakes();
		Throwable genuineFailure = use(client, genuine, jvmDefault);
		assertThat(genuineFailure == null || !Failures.isPinningFailure(genuineFailure)).as("%s", genuineFailure)
			.isTrue();
		assertThat(genuine.handshakes()).as("handshakes the genuine server completed (%s)", genuineFailure)
			.isGreaterThan(before);
		int impostorBefore = impostor.handshakes();
		Throwable impostorFailure = use(client, impostor, jvmDefault);
		assertThat(Failures.isPinningFailure(impostorFailure)).as("refused by pinning: %s", impostorFailure).isTrue();
		assertThat(impostor.handshakes()).isEqualTo(impostorBefore);
	}

	private static Throwable use(DataClient client, TlsServer server, boolean jvmDefault) {
		return catchThrowable(() -> {
			try (ConfigurableApplicationContext application = new SpringApplicationBuilder(Application.class)
				.web(WebApplicationType.NONE)
				.properties(backends.pinSet("local"))
				.properties("pinning.jvm-default=" + jvmDefault)
				.properties(client.properties(server.port()))
				.run()) {
				client.use(application);
			}
		});
	}

	enum DataClient {

		/** Spring AMQP over RabbitMQ's Java client. */
		RABBITMQ((port) -> new String[] { "spring.rabbitmq.host=localhost", "spring.rabbitmq.port=" + port,
				"spring.rabbitmq.ssl.enabled=true", "spring.rabbitmq.connection-timeout=3s", NO_CASSANDRA }) {
			@Override
			void use(ConfigurableApplicationContext context) {
				context.getBean(ConnectionFactory.class).createConnection().close();
			}
		},

		/** Elasticsearch's low-level REST client. */
		ELASTICSEARCH((port) -> new String[] { "spring.elasticsearch.uris=https://localhost:" + port,
				"spring.elasticsearch.connection-timeout=3s", "spring.elasticsearch.socket-timeout=3s", NO_CASSANDRA }) {
			@Override
			void use(ConfigurableApplicationContext context) throws Exception {
				context.getBean(Rest5Client.class).performRequest(new Request("GET", "/"));
			}
		},

		/** The Cassandra driver, whose session Spring Boot opens at start-up. */
		CASSANDRA((port) -> new String[] { "spring.cassandra.contact-points=localhost:" + port,
				"spring.cassandra.local-datacenter=dc1", "spring.cassandra.ssl.enabled=true",
				"spring.cassandra.connection.connect-timeout=3s", "spring.cassandra.connection.init-query-timeout=3s" }) {
			@Override
			void use(ConfigurableApplicationContext context) {
			}
		};

		private final Function<Integer, String[]> properties;

		DataClient(Function<Integer, String[]> properties) {
			this.properties = properties;
		}

		String[] properties(int port) {
			return this.properties.apply(port);
		}

		abstract void use(ConfigurableApplicationContext context) throws Exception;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration" })
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
