package io.github.pinning.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.pinning.sample.DemoRunner.DemoCall;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sample's tests read from a running sample: the demo's outcomes and its Actuator.
 */
final class SampleCalls {

	private SampleCalls() {
	}

	/**
	 * Returns the outcome of each demo call to one backend.
	 */
	static List<String> outcomes(List<DemoCall> calls, String backend) {
		return calls.stream().filter((call) -> call.backend().name().equals(backend)).map(DemoCall::outcome).toList();
	}

	/**
	 * Returns the body of a GET of the sample's own HTTP port, which must answer 200.
	 */
	static String get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		// An impostor refused by pinning must not take the application out of its load balancer.
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
