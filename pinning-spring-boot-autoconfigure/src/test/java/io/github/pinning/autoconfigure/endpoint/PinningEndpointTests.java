package io.github.pinning.autoconfigure.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.pinning.LivePinningPolicy;
import io.github.pinning.PinSet;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.endpoint.PinningEndpoint.PinningDescriptor;
import io.github.pinning.autoconfigure.endpoint.PinningEndpoint.ViolationDescriptor;
import io.github.pinning.test.TestBackends;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.Violations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class PinningEndpointTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private final ApplicationContextRunner runner = backends.pinnedClientsRunner()
		.withConfiguration(AutoConfigurations.of(PinningEndpointAutoConfiguration.class))
		.withPropertyValues("pinning.pin-sets.local.expires=2027-06-30",
				"management.endpoints.web.exposure.include=pinning");

	@Test
	void showsThePinSetsAndTheServedAndValidatedChainOfEachViolation() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			String url = TestBackends.url(backends.rogueWithGenuineChain());
			assertThat(catchThrowable(() -> client.get().uri(url).retrieve().body(String.class))).isNotNull();
			PinningDescriptor descriptor = context.getBean(PinningEndpoint.class).pinning();
			Map<String, Object> json = JsonMapper.builder().build().convertValue(descriptor, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
				});
			assertThat(json).containsOnlyKeys("pinSets", "lastChange", "violations").containsEntry("lastChange", null);
			TestPki pki = backends.pki();
			String intermediate = TestPki.pin(pki.intermediate()).toString();
			String root = TestPki.pin(pki.root()).toString();
			assertThat((List<?>) json.get("pinSets")).singleElement()
				.isEqualTo(Map.of("name", "local", "hosts", List.of("localhost"), "pins", List.of(intermediate, root),
						"mode", "enforce", "expires", "2027-06-30"));
			@SuppressWarnings("unchecked")
			Map<String, Object> violation = (Map<String, Object>) ((List<?>) json.get("violations")).get(0);
			assertThat(violation).containsOnlyKeys("time", "host", "port", "pinSet", "mode", "servedChain",
					"validatedChain", "knownPins");
			assertThat(violation.get("host")).isEqualTo("localhost");
			assertThat(violation.get("port")).isEqualTo(backends.rogueWithGenuineChain().port());
			assertThat(violation.get("pinSet")).isEqualTo("local");
			assertThat(violation.get("mode")).isEqualTo("enforce");
			assertThat(violation.get("knownPins")).isEqualTo(List.of(intermediate, root));
			assertThat(violation.get("servedChain")).isEqualTo(List.of(
					certificate(TestPki.pin(pki.rogueLeaf()).toString(), "CN=localhost"),
					certificate(intermediate, "CN=Genuine Intermediate CA"), certificate(root, "CN=Genuine Root CA")));
			assertThat(violation.get("validatedChain")).isEqualTo(
					List.of(certificate(TestPki.pin(pki.rogueLeaf()).toString(), "CN=localhost"),
							certificate(TestPki.pin(pki.rogueRoot()).toString(), "CN=Rogue Root CA")));
		});
	}

	private static Map<String, String> certificate(String pin, String subject) {
		return Map.of("pin", pin, "subject", subject);
	}

	@Test
	void keepsTheLastHundredViolationsWhateverTheirNumber() {
		TestPki pki = backends.pki();
		PinSet pinSet = Violations.pinSet(pki, "wide", "**.example.com");
		PinningHistory history = new PinningHistory();
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < 1000; i++) {
			history.onViolation(Violations.rogue(pki, pinSet, "h" + i + ".example.com", start.plusSeconds(i)));
		}
		List<ViolationDescriptor> violations = new PinningEndpoint(LivePinningPolicy.of(PinningPolicy.of(pinSet)), history).pinning()
			.violations();
		assertThat(violations).hasSize(100);
		assertThat(violations.get(0).host()).isEqualTo("h900.example.com");
		assertThat(violations.get(99).host()).isEqualTo("h999.example.com");
		assertThat(history.violationCount("wide")).isEqualTo(1000);
		assertThat(history.lastViolation("wide")).isEqualTo(start.plusSeconds(999));
	}

	@Test
	void notAvailableWhenNotExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(PinningEndpoint.class));
		this.runner.withPropertyValues("management.endpoint.pinning.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(PinningEndpoint.class));
	}

}
