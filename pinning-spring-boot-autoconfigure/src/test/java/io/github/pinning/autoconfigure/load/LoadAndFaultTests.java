package io.github.pinning.autoconfigure.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.pinning.autoconfigure.event.PinningEventAutoConfiguration;
import io.github.pinning.autoconfigure.metrics.PinningMetricsAutoConfiguration;
import io.github.pinning.autoconfigure.report.PinningReportAutoConfiguration;
import io.github.pinning.test.BlockedViolationListener;
import io.github.pinning.test.Failures;
import io.github.pinning.test.ReportCollector;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TlsServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A thousand concurrent connections, half to the genuine server and half to the impostor,
 * through RestClient and WebClient at once, while event listeners block and the report
 * collector hangs, is down or fails: every call is judged right, every counter is exact, and
 * nothing waits on the listeners or the collector.
 */
class LoadAndFaultTests {

	/** 500 in CI's full-size leg ({@code -Dcases.factor=5}). */
	private static final int CALLS_PER_CLIENT = 100 * Integer.getInteger("cases.factor", 1);

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	@ParameterizedTest(name = "report collector {0}")
	@ValueSource(strings = { "hanging", "down", "failing" })
	void everyCallIsJudgedRightAndCountedWhateverTheListenersAndCollectorDo(String collectorState) throws Exception {
		try (ReportCollector collector = ReportCollector.http(collectorState.equals("hanging") ? -1 : 500)) {
			URI reportUri = collector.uri("localhost");
			if (collectorState.equals("down")) {
				collector.close();
			}
			backends.pinnedClientsRunner()
				.withConfiguration(AutoConfigurations.of(PinningMetricsAutoConfiguration.class,
						PinningEventAutoConfiguration.class, PinningReportAutoConfiguration.class))
				.withBean(SimpleMeterRegistry.class)
				.withUserConfiguration(BlockedViolationListener.class)
				.withPropertyValues("pinning.report.uri=" + reportUri)
				.run((context) -> {
					RestClient restClient = context.getBean(RestClient.Builder.class).build();
					WebClient webClient = context.getBean(WebClient.Builder.class).build();
					List<String> misjudged = new CopyOnWriteArrayList<>();
					CompletableFuture<Void> reactive = CompletableFuture
						.runAsync(() -> webClientCalls(webClient, misjudged));
					imperativeCalls(restClient, misjudged);
					reactive.get(5, TimeUnit.MINUTES);
					assertThat(misjudged).isEmpty();

					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(count(registry, "pinning.checks", "outcome", "match")).isEqualTo(CALLS_PER_CLIENT);
					assertThat(count(registry, "pinning.checks", "outcome", "violation")).isEqualTo(CALLS_PER_CLIENT);
					assertThat(count(registry, "pinning.violations", "host", "localhost")).isEqualTo(CALLS_PER_CLIENT);
					assertThat(registry.get("pinning.reports").tag("outcome", "suppressed").counter().count())
						.isEqualTo(CALLS_PER_CLIENT - 1);
					assertThat(registry.get("pinning.reports").tag("outcome", "sent").counter().count()).isZero();

					BlockedViolationListener listener = context.getBean(BlockedViolationListener.class);
					assertThat(listener.received()).as("events while the listener is blocked")
						.hasSizeLessThanOrEqualTo(1);
					listener.releaseAndAwait(CALLS_PER_CLIENT);
					assertThat(listener.threads()).containsOnly("pinning-events");
				});
		}
	}

	private static void imperativeCalls(RestClient client, List<String> misjudged) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < CALLS_PER_CLIENT; i++) {
				TlsServer server = (i % 2 == 0) ? backends.genuine() : backends.rogue();
				calls.add(executor.submit(() -> judge("RestClient", server,
						catchThrowable(() -> client.get().uri(TestBackends.url(server)).retrieve().body(String.class)),
						misjudged)));
			}
			for (Future<?> call : calls) {
				call.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static void webClientCalls(WebClient client, List<String> misjudged) {
		Flux.range(0, CALLS_PER_CLIENT).flatMap((i) -> {
			TlsServer server = (i % 2 == 0) ? backends.genuine() : backends.rogue();
			return client.get()
				.uri(TestBackends.url(server))
				.retrieve()
				.bodyToMono(String.class)
				.map((body) -> Optional.<Throwable>empty())
				.onErrorResume((failure) -> Mono.just(Optional.of(failure)))
				.defaultIfEmpty(Optional.of(new IllegalStateException("no body")))
				.doOnNext((failure) -> judge("WebClient", server, failure.orElse(null), misjudged));
		}, 32).then().block(Duration.ofMinutes(5));
	}

	private static void judge(String client, TlsServer server, Throwable failure, List<String> misjudged) {
		boolean genuine = server == backends.genuine();
		boolean right = genuine ? failure == null : Failures.isPinningFailure(failure);
		if (!right) {
			misjudged.add(client + " to the " + (genuine ? "genuine" : "rogue") + " server: " + failure);
		}
	}

	private static double count(MeterRegistry registry, String name, String tag, String value) {
		return registry.get(name).tag(tag, value).counter().count();
	}

}
