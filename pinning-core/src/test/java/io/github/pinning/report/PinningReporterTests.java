package io.github.pinning.report;

import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import io.github.pinning.PinSet;
import io.github.pinning.PinningListener;
import io.github.pinning.PinningPolicy;
import io.github.pinning.PinningTrustManager;
import io.github.pinning.PinningViolation;
import io.github.pinning.test.Eventually;
import io.github.pinning.test.Handshakes;
import io.github.pinning.test.Handshakes.Transport;
import io.github.pinning.test.MutableClock;
import io.github.pinning.test.ReportCollector;
import io.github.pinning.test.TestPki;
import io.github.pinning.test.TlsServer;
import io.github.pinning.test.Violations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class PinningReporterTests {

	private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

	private static TestPki pki;

	private static TlsServer rogue;

	private final Outcomes outcomes = new Outcomes();

	private final MutableClock clock = new MutableClock(NOW);

	private PinningReporter reporter;

	@BeforeAll
	static void start() throws Exception {
		pki = TestPki.localhost();
		rogue = TlsServer.start(pki.rogueServer(), "rogue");
	}

	@AfterAll
	static void stop() throws Exception {
		rogue.close();
	}

	@AfterEach
	void closeReporter() {
		if (this.reporter != null) {
			this.reporter.close();
		}
	}

	@Test
	void postsEveryFieldOfRfc7469WithThePinSetAndMode() throws Exception {
		try (ReportCollector collector = ReportCollector.http(204)) {
			PinSet pinSet = Violations.pinSet(pki, "payments", "*.example.com", "localhost")
				.withExpires(LocalDate.of(2027, 6, 30));
			this.reporter = reporter(collector.uri("localhost"));
			this.reporter.onViolation(Violations.rogue(pki, pinSet, "api.example.com", NOW));
			Eventually.until("the report to arrive", () -> this.outcomes.count(ReportOutcome.SENT) == 1);
			Map<String, Object> report = JsonMapper.builder()
				.build()
				.readValue(collector.reports().get(0), new TypeReference<Map<String, Object>>() {
				});
			assertThat(report).containsOnlyKeys("date-time", "hostname", "port", "effective-expiration-date",
					"include-subdomains", "noted-hostname", "served-certificate-chain", "validated-certificate-chain",
					"known-pins", "pin-set", "mode");
			assertThat(report).containsEntry("date-time", "2026-11-27T10:00:00Z")
				.containsEntry("hostname", "api.example.com")
				.containsEntry("port", 443)
				.containsEntry("effective-expiration-date", "2027-07-01T00:00:00Z")
				.containsEntry("include-subdomains", true)
				.containsEntry("noted-hostname", "example.com")
				.containsEntry("pin-set", "payments")
				.containsEntry("mode", "enforce")
				.containsEntry("known-pins", List.of("pin-sha256=\"" + TestPki.pin(pki.intermediate()).base64() + "\"",
						"pin-sha256=\"" + TestPki.pin(pki.root()).base64() + "\""));
			assertThat(certificates(report.get("served-certificate-chain"))).containsExactly(pki.rogueLeaf().certificate());
			assertThat(certificates(report.get("validated-certificate-chain")))
				.containsExactly(pki.rogueLeaf().certificate(), pki.rogueRoot().certificate());
		}
	}

	private static List<X509Certificate> certificates(Object pems) throws Exception {
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		return ((List<?>) pems).stream().map((pem) -> {
			try {
				return (X509Certificate) factory
					.generateCertificate(new ByteArrayInputStream(((String) pem).getBytes(StandardCharsets.US_ASCII)));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	@Test
	void reportsTheSameHostPortAndChainOncePerWindowAndCountsTheRestAsSuppressed() throws Exception {
		try (ReportCollector collector = ReportCollector.http(200)) {
			PinSet pinSet = Violations.pinSet(pki, "local", "**.example.com");
			this.reporter = reporter(collector.uri("localhost"));
			for (int i = 0; i < 5; i++) {
				this.reporter.onViolation(Violations.rogue(pki, pinSet, "a.example.com", NOW));
			}
			this.reporter.onViolation(Violations.rogue(pki, pinSet, "b.example.com", NOW));
			this.clock.advance(Duration.ofHours(24));
			this.reporter.onViolation(Violations.rogue(pki, pinSet, "a.example.com", NOW));
			Eventually.until("three reports", () -> this.outcomes.count(ReportOutcome.SENT) == 3);
			assertThat(this.outcomes.count(ReportOutcome.SUPPRESSED)).isEqualTo(4);
			assertThat(collector.reports()).hasSize(3);
		}
	}

	@Test
	void aCollectorThatNeverAnswersDelaysNoHandshakeAndItsReportsFailOrAreDropped() throws Exception {
		try (ReportCollector collector = ReportCollector.http(-1)) {
			this.reporter = new PinningReporter(collector.uri("localhost"), this.outcomes, this.clock,
					Duration.ofHours(24), Duration.ofMillis(500), 2);
			PinningTrustManager trustManager = new PinningTrustManager(pki.trustingBothRoots(),
					PinningPolicy.of(Violations.pinSet(pki, "local", "localhost")), this.reporter, Clock.systemUTC());
			for (int i = 0; i < 20; i++) {
				Throwable failure = catchThrowable(() -> Handshakes.connect(Transport.SOCKET, trustManager, "localhost",
						rogue.port(), "TLSv1.3"));
				assertThat(failure).hasRootCauseInstanceOf(io.github.pinning.CertificatePinningException.class);
			}
			assertThat(this.outcomes.count(ReportOutcome.SUPPRESSED)).isEqualTo(19);
			PinSet wide = Violations.pinSet(pki, "wide", "**.example.com");
			for (int i = 0; i < 10; i++) {
				this.reporter.onViolation(Violations.rogue(pki, wide, "h" + i + ".example.com", NOW));
			}
			assertThat(this.outcomes.count(ReportOutcome.DROPPED)).isGreaterThanOrEqualTo(7);
			Eventually.until("the hanging report to fail", () -> this.outcomes.count(ReportOutcome.FAILED) >= 1);
			assertThat(this.outcomes.count(ReportOutcome.SENT)).isZero();
		}
	}

	@Test
	void aCollectorThatIsDownOrRefusesCountsAsFailed() throws Exception {
		URI down;
		try (ReportCollector collector = ReportCollector.http(200)) {
			down = collector.uri("localhost");
		}
		this.reporter = reporter(down);
		this.reporter.onViolation(Violations.rogue(pki, Violations.pinSet(pki, "local", "localhost"), "localhost", NOW));
		Eventually.until("the report to fail", () -> this.outcomes.count(ReportOutcome.FAILED) == 1);
		try (ReportCollector refusing = ReportCollector.http(500)) {
			this.reporter.close();
			this.reporter = reporter(refusing.uri("localhost"));
			this.reporter
				.onViolation(Violations.rogue(pki, Violations.pinSet(pki, "local", "localhost"), "localhost", NOW));
			Eventually.until("the report to fail", () -> this.outcomes.count(ReportOutcome.FAILED) == 2);
			assertThat(refusing.reports()).hasSize(1);
		}
	}

	@Test
	void theReportNeverPassesThroughPinning() throws Exception {
		// The collector is the pinned host itself, serving the rogue certificate that the
		// violation is about, and the JVM default SSLContext pins it: the report still goes.
		java.nio.file.Path trustStore = io.github.pinning.test.TrustFiles.pkcs12(
				java.nio.file.Files.createTempFile("trust", ".p12"), pki.root(), pki.rogueRoot());
		SSLContext previous = SSLContext.getDefault();
		System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
		System.setProperty("javax.net.ssl.trustStorePassword", io.github.pinning.test.TrustFiles.PASSWORD);
		PinningPolicy policy = PinningPolicy.of(Violations.pinSet(pki, "local", "localhost"));
		try (ReportCollector collector = ReportCollector.https(pki.rogueServer(), 200)) {
			SSLContext.setDefault(Handshakes.sslContext(
					new PinningTrustManager(pki.trustingBothRoots(), policy, PinningListener.NONE, Clock.systemUTC())));
			this.reporter = reporter(collector.uri("localhost"));
			PinningViolation violation = Violations.rogue(pki, policy.pinSets().get(0), "localhost", NOW);
			this.reporter.onViolation(violation);
			Eventually.until("the report to be sent", () -> this.outcomes.count(ReportOutcome.SENT) == 1);
		}
		finally {
			SSLContext.setDefault(previous);
			System.clearProperty("javax.net.ssl.trustStore");
			System.clearProperty("javax.net.ssl.trustStorePassword");
		}
	}

	@Test
	void theRateLimitRemembersABoundedNumberOfConnectionsUnderAFlood() throws Exception {
		try (ReportCollector collector = ReportCollector.http(-1)) {
			this.reporter = reporter(collector.uri("localhost"));
			PinSet wide = Violations.pinSet(pki, "wide", "**.example.com");
			int flood = PinningReporter.MAX_REMEMBERED_REPORTS * 3;
			for (int i = 0; i < flood; i++) {
				this.reporter.onViolation(Violations.rogue(pki, wide, "h" + i + ".example.com", NOW));
			}
			assertThat(this.reporter.rememberedReports()).isEqualTo(PinningReporter.MAX_REMEMBERED_REPORTS);
			assertThat(this.outcomes.count(ReportOutcome.DROPPED))
				.isGreaterThanOrEqualTo(flood - PinningReporter.DEFAULT_QUEUE_CAPACITY - 1);
		}
	}

	private PinningReporter reporter(URI uri) {
		return new PinningReporter(uri, this.outcomes, this.clock, PinningReporter.DEFAULT_RATE_LIMIT,
				Duration.ofSeconds(10), PinningReporter.DEFAULT_QUEUE_CAPACITY);
	}

	private static final class Outcomes implements ReportListener {

		private final Map<ReportOutcome, AtomicInteger> counts = new EnumMap<>(ReportOutcome.class);

		Outcomes() {
			for (ReportOutcome outcome : ReportOutcome.values()) {
				this.counts.put(outcome, new AtomicInteger());
			}
		}

		@Override
		public void onReport(ReportOutcome outcome) {
			this.counts.get(outcome).incrementAndGet();
		}

		int count(ReportOutcome outcome) {
			return this.counts.get(outcome).get();
		}

	}

}
