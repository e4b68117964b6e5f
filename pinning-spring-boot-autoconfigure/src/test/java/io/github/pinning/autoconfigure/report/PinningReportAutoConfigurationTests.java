package io.github.pinning.autoconfigure.report;

import io.github.pinning.PinningListener;
import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationException;
import io.github.pinning.autoconfigure.metrics.PinningMetricsAutoConfiguration;
import io.github.pinning.report.PinningReporter;
import io.github.pinning.test.Eventually;
import io.github.pinning.test.Failures;
import io.github.pinning.test.ReportCollector;
import io.github.pinning.test.TestBackends;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class PinningReportAutoConfigurationTests {

	@RegisterExtension
	static final TestBackends backends = TestBackends.perClass();

	private final ApplicationContextRunner runner = backends.pinnedClientsRunner()
		.withConfiguration(
				AutoConfigurations.of(PinningReportAutoConfiguration.class, PinningMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void reportsViolationsOfRealHandshakesAndCountsThem() throws Exception {
		try (ReportCollector collector = ReportCollector.http(202)) {
			this.runner.withPropertyValues("pinning.report.uri=" + collector.uri("localhost")).run((context) -> {
				RestClient client = context.getBean(RestClient.Builder.class).build();
				for (int i = 0; i < 3; i++) {
					assertThat(Failures.isPinningFailure(catchThrowable(() -> client.get()
						.uri(TestBackends.url(backends.rogue()))
						.retrieve()
						.body(String.class)))).isTrue();
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Eventually.until("the report to be sent",
						() -> registry.get("pinning.reports").tag("outcome", "sent").counter().count() == 1);
				assertThat(registry.get("pinning.reports").tag("outcome", "suppressed").counter().count()).isEqualTo(2);
				assertThat(collector.reports()).singleElement().asString().contains("\"hostname\":\"localhost\"");
			});
		}
	}

	@Test
	void sendsNoReportsWithoutAUri() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanProvider(PinningReporter.class).getIfAvailable()).isNull();
			assertThat(context.getBeanProvider(PinningListener.class).orderedStream())
				.noneMatch(PinningReporter.class::isInstance);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://reports.example.com/x", "/relative/path", "mailto:security@example.com" })
	void refusesAUriThatIsNotAbsoluteHttp(String uri) {
		this.runner.withPropertyValues("pinning.report.uri=" + uri).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidPinningConfigurationException.class)
				.hasMessageContaining("Property: pinning.report.uri")
				.hasMessageContaining("Value: \"" + uri + "\"")
				.hasMessageContaining("must be an absolute http or https URI");
		});
	}

}
