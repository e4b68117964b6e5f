package io.github.pinning.autoconfigure.report;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.github.pinning.PinningPolicy;
import io.github.pinning.autoconfigure.PinningAutoConfiguration;
import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationException;
import io.github.pinning.autoconfigure.config.InvalidPinningConfigurationException.Problem;
import io.github.pinning.autoconfigure.config.PinningProperties;
import io.github.pinning.report.PinningReporter;
import io.github.pinning.report.ReportListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} that sends violation reports to
 * {@code pinning.report.uri}. Whether to report is decided when the bean is created, not by a
 * condition, so that a URI given only at run time applies under Spring AOT and in native
 * images too: without one, the bean is {@code null} and no listener reports.
 */
@AutoConfiguration(after = PinningAutoConfiguration.class)
@ConditionalOnBean(PinningPolicy.class)
public final class PinningReportAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@Nullable PinningReporter pinningReporter(PinningProperties properties, ObjectProvider<ReportListener> listeners,
			ObjectProvider<Clock> clock) {
		if (properties.getReport().getUri() == null) {
			return null;
		}
		URI uri = validUri(properties.getReport().getUri());
		List<ReportListener> all = listeners.orderedStream().toList();
		ReportListener listener = (outcome) -> all.forEach((each) -> each.onReport(outcome));
		return new PinningReporter(uri, listener, clock.getIfAvailable(Clock::systemUTC),
				PinningReporter.DEFAULT_RATE_LIMIT, PinningReporter.DEFAULT_TIMEOUT,
				PinningReporter.DEFAULT_QUEUE_CAPACITY);
	}

	private static URI validUri(@Nullable URI uri) {
		String scheme = (uri != null) ? uri.getScheme() : null;
		if (uri == null || uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			throw new InvalidPinningConfigurationException(List.of(new Problem("pinning.report.uri",
					(uri != null) ? uri.toString() : null, "a report URI must be an absolute http or https URI",
					"Set 'pinning.report.uri' to the collector's URL, for example"
							+ " https://reports.example.com/pinning, or remove it to send no reports.")));
		}
		return uri;
	}

}
