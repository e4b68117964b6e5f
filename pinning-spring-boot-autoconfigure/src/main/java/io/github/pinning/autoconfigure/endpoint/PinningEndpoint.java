package io.github.pinning.autoconfigure.endpoint;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.github.pinning.CertificateText;
import io.github.pinning.HostPattern;
import io.github.pinning.LivePinningPolicy;
import io.github.pinning.Pin;
import io.github.pinning.PinSet;
import io.github.pinning.PinningHistory;
import io.github.pinning.PinningViolation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code pinning} Actuator endpoint: the pin sets in force, when and from where they last
 * changed while running, and the most recent violations, each with the chain the server sent
 * and the chain it was validated as.
 */
@Endpoint(id = "pinning")
public class PinningEndpoint {

	private final LivePinningPolicy policy;

	private final PinningHistory history;

	/**
	 * Creates the endpoint.
	 * @param policy the pin sets in force
	 * @param history the recorded violations
	 */
	public PinningEndpoint(LivePinningPolicy policy, PinningHistory history) {
		this.policy = policy;
		this.history = history;
	}

	/**
	 * Returns the pin sets and the recent violations, oldest first.
	 * @return the description
	 */
	@ReadOperation
	public PinningDescriptor pinning() {
		List<PinSetDescriptor> pinSets = this.policy.get().pinSets().stream().map(PinSetDescriptor::of).toList();
		List<ViolationDescriptor> violations = this.history.recentViolations()
			.stream()
			.map(ViolationDescriptor::of)
			.toList();
		LivePinningPolicy.Change change = this.policy.lastChange();
		return new PinningDescriptor(pinSets, (change != null) ? ChangeDescriptor.of(change) : null, violations);
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param pinSets the pin sets in force
	 * @param lastChange the last change of pins while running, if any
	 * @param violations the recent violations, oldest first
	 */
	public record PinningDescriptor(List<PinSetDescriptor> pinSets, @Nullable ChangeDescriptor lastChange,
			List<ViolationDescriptor> violations) implements OperationResponseBody {
	}

	/**
	 * The last change of pins while running.
	 *
	 * @param time when it was applied
	 * @param source where it came from (a refresh, a watched file)
	 * @param changedSets the pin sets added, removed or changed
	 */
	public record ChangeDescriptor(Instant time, String source, List<String> changedSets) {

		static ChangeDescriptor of(LivePinningPolicy.Change change) {
			return new ChangeDescriptor(change.time(), change.source(), List.copyOf(change.changedSets()));
		}

	}

	/**
	 * One pin set.
	 *
	 * @param name its name
	 * @param hosts its host patterns
	 * @param pins its pins
	 * @param mode {@code enforce} or {@code report-only}
	 * @param expires its last enforced day, if any
	 */
	public record PinSetDescriptor(String name, List<String> hosts, List<String> pins, String mode,
			@Nullable LocalDate expires) {

		static PinSetDescriptor of(PinSet pinSet) {
			return new PinSetDescriptor(pinSet.name(), pinSet.hosts().stream().map(HostPattern::toString).toList(),
					pinSet.pins().stream().map(Pin::toString).toList(), pinSet.mode().value(), pinSet.expires());
		}

	}

	/**
	 * One violation.
	 *
	 * @param time when it happened
	 * @param host the host the client connected to
	 * @param port the port the client connected to
	 * @param pinSet the pin set that applied
	 * @param mode the pin set's mode
	 * @param servedChain the certificates as the server sent them
	 * @param validatedChain the chain from the leaf to a trust anchor that was matched
	 * @param knownPins the pins that were expected
	 */
	public record ViolationDescriptor(Instant time, String host, int port, String pinSet, String mode,
			List<CertificateDescriptor> servedChain, List<CertificateDescriptor> validatedChain,
			List<String> knownPins) {

		static ViolationDescriptor of(PinningViolation violation) {
			return new ViolationDescriptor(violation.time(), violation.host(), violation.port(),
					violation.pinSet().name(), violation.mode().value(), certificates(violation.servedChain()),
					certificates(violation.validatedChain()),
					violation.pinSet().pins().stream().map(Pin::toString).toList());
		}

		private static List<CertificateDescriptor> certificates(List<X509Certificate> chain) {
			List<CertificateDescriptor> certificates = new ArrayList<>(chain.size());
			for (X509Certificate certificate : chain) {
				certificates.add(new CertificateDescriptor(Pin.of(certificate).toString(),
						CertificateText.subject(certificate)));
			}
			return certificates;
		}

	}

	/**
	 * One certificate of a chain.
	 *
	 * @param pin the pin of its public key
	 * @param subject its subject
	 */
	public record CertificateDescriptor(String pin, String subject) {
	}

}
