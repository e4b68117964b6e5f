package io.github.pinning.sample;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.pinning.CertificatePinningException;
import io.github.pinning.PinSet;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningPolicy;
import io.github.pinning.sample.DemoBackends.Backend;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls every backend through every client once the application has started, and prints one
 * aligned table of what happened.
 */
@Component
class DemoRunner implements ApplicationRunner {

	private final DemoBackends backends;

	private final RestClient restClient;

	private final RestTemplate restTemplate;

	private final WebClient webClient;

	private final DemoFeignClient feignClient;

	private final ApplicationContext context;

	private final PinningHistory history;

	private final PinningPolicy policy;

	private final List<DemoCall> calls = new ArrayList<>();

	DemoRunner(DemoBackends backends, RestClient.Builder restClient, RestTemplateBuilder restTemplate,
			WebClient.Builder webClient, DemoFeignClient feignClient, ApplicationContext context,
			PinningHistory history, PinningPolicy policy) {
		this.backends = backends;
		this.restClient = restClient.build();
		this.restTemplate = restTemplate.build();
		this.webClient = webClient.build();
		this.feignClient = feignClient;
		this.context = context;
		this.history = history;
		this.policy = policy;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (Backend backend : this.backends.backends()) {
			call("RestClient", backend, (url) -> this.restClient.get().uri(url).retrieve().body(String.class));
			call("RestTemplate", backend, (url) -> this.restTemplate.getForObject(url, String.class));
			call("WebClient", backend, (url) -> this.webClient.get()
				.uri(url)
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(30)));
			call("OpenFeign", backend, (url) -> this.feignClient.get(URI.create(url)));
		}
		print(System.out);
	}

	List<DemoCall> calls() {
		return this.calls;
	}

	private void call(String client, Backend backend, Function<String, String> request) {
		PinSet pinSet = this.policy.pinSetFor(backend.host());
		long violationsBefore = (pinSet != null) ? this.history.violationCount(pinSet.name()) : 0;
		try {
			request.apply(backend.url());
			boolean recorded = pinSet != null && this.history.violationCount(pinSet.name()) > violationsBefore;
			this.calls.add(recorded
					? new DemoCall(client, backend, "ALLOWED", "violation recorded (pin set '" + pinSet.name() + "' is "
							+ pinSet.mode() + ")")
					: new DemoCall(client, backend, "OK", ""));
		}
		catch (RuntimeException ex) {
			CertificatePinningException pinning = pinningFailure(ex);
			String detail = (pinning != null) ? pinning.getMessage().lines().findFirst().orElse("")
					: ex.getClass().getSimpleName() + ": " + ex.getMessage();
			this.calls.add(new DemoCall(client, backend, (pinning != null) ? "REFUSED" : "ERROR", detail));
		}
	}

	private static @Nullable CertificatePinningException pinningFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CertificatePinningException pinning) {
				return pinning;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private void print(PrintStream out) {
		String format = "%-13s %-12s %-25s %-8s %s%n";
		out.println();
		out.printf(format, "CLIENT", "BACKEND", "HOST", "OUTCOME", "DETAIL");
		for (DemoCall call : this.calls) {
			out.printf(format, call.client(), call.backend().name(), call.backend().host(), call.outcome(),
					call.detail());
		}
		out.println();
		String base = "http://localhost:" + port() + "/actuator";
		out.println("Where to look:");
		out.println("  " + base + "/health/pinning");
		out.println("  " + base + "/metrics/pinning.violations");
		out.println("  " + base + "/prometheus");
		out.println("  " + base + "/pinning");
		out.println();
	}

	private int port() {
		return (this.context instanceof WebServerApplicationContext web) ? web.getWebServer().getPort() : -1;
	}

	/**
	 * What one call did.
	 *
	 * @param client the client that made it
	 * @param backend the backend it went to
	 * @param outcome {@code OK}; {@code ALLOWED} (a report-only violation, recorded);
	 * {@code REFUSED} (by pinning); or {@code ERROR} (anything else)
	 * @param detail for a refusal, the first line of the pinning failure
	 */
	record DemoCall(String client, Backend backend, String outcome, String detail) {
	}

}
