package io.github.pinning.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and prints each figure beside its baseline from the same run, as a ratio
 * against the goal. {@code --smoke} runs each benchmark once, briefly and in this JVM, so that
 * they are known to run; its figures measure nothing. {@code --adversarial} runs the adversarial
 * chains only, and {@code --paired} the paired comparisons only.
 */
public final class BenchmarkReport {

	private final List<String> rows = new ArrayList<>();

	private final boolean smoke;

	private BenchmarkReport(boolean smoke) {
		this.smoke = smoke;
	}

	public static void main(String[] args) throws RunnerException, IOException {
		boolean smoke = Arrays.asList(args).contains("--smoke");
		BenchmarkReport report = new BenchmarkReport(smoke);
		if (Arrays.asList(args).contains("--paired")) {
			List<RunResult> paired = new ArrayList<>(new Runner(options(smoke)
				.include(PairedBenchmark.class.getName())
				.build()).run());
			report.header();
			report.pairedRows(paired);
			report.print();
			return;
		}
		if (Arrays.asList(args).contains("--adversarial")) {
			List<RunResult> adversarial = new ArrayList<>(new Runner(options(smoke)
				.include(AdversarialBenchmark.class.getName())
				.build()).run());
			report.header();
			report.adversarial(adversarial);
			report.print();
			return;
		}
		Collection<RunResult> steady = new Runner(options(smoke)
			.include(TrustManagerBenchmark.class.getName())
			.include(PinStepBenchmark.class.getName())
			.include(HandshakeBenchmark.class.getName())
			.addProfiler(GCProfiler.class)
			.build()).run();
		Collection<RunResult> paired = new Runner(options(smoke)
			.include(PairedBenchmark.class.getName())
			.build()).run();
		Collection<RunResult> adversarial = new Runner(options(smoke)
			.include(AdversarialBenchmark.class.getName())
			.build()).run();
		Collection<RunResult> startup = new Runner(options(smoke)
			.include(StartupBenchmark.class.getName())
			.build()).run();
		List<RunResult> all = new ArrayList<>(steady);
		all.addAll(startup);
		all.addAll(paired);
		all.addAll(adversarial);
		report.write(all);
	}

	/**
	 * Returns the options of a run: the iterations and forks each benchmark class declares, or,
	 * for a smoke run, one short iteration in this JVM.
	 */
	private static ChainedOptionsBuilder options(boolean smoke) {
		ChainedOptionsBuilder options = new OptionsBuilder().shouldFailOnError(true);
		return smoke ? options.warmupIterations(0).measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(200)).forks(0) : options;
	}

	private void header() {
		this.rows.add("| # | what | baseline | pinning | ratio | goal | |");
		this.rows.add("| --- | --- | --- | --- | --- | --- | --- |");
	}

	private void write(List<RunResult> results) throws IOException {
		header();
		for (String keyType : List.of("RSA", "EC")) {
			for (String state : List.of("steady", "fresh", "first-sight")) {
				RunResult unpinned = find(results, "TrustManagerBenchmark.unpinned", keyType, state);
				RunResult pinned = find(results, "TrustManagerBenchmark.pinned", keyType, state);
				double goal = state.equals("steady") ? 1.02 : state.equals("fresh") ? 1.05 : 1.5;
				ratio("1", "checkServerTrusted, " + keyType + " " + state + " (PKIX alone vs pinned)", unpinned, pinned,
						score(pinned) / score(unpinned), "<= " + goal, score(pinned) / score(unpinned) <= goal);
			}
		}
		for (String keyType : List.of("RSA", "EC")) {
			for (String state : List.of("steady", "first-sight")) {
				RunResult okHttp = find(results, "PinStepBenchmark.okHttp", keyType, state);
				RunResult pinning = find(results, "PinStepBenchmark.pinning", keyType, state);
				double faster = score(okHttp) / score(pinning);
				boolean steady = state.equals("steady");
				ratio("2", "pin step, " + keyType + " " + state + " (OkHttp CertificatePinner.check vs pinning), times"
						+ " faster", okHttp, pinning, faster, steady ? ">= 5" : "(reported)", !steady || faster >= 5);
			}
		}
		pairedRows(results);
		for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
			RunResult unpinned = find(results, "HandshakeBenchmark.unpinned", protocol, null);
			RunResult pinned = find(results, "HandshakeBenchmark.pinned", protocol, null);
			double ratio = score(pinned) / score(unpinned);
			ratio("3", "in-memory handshakes per second, " + protocol + " (pinned / unpinned)", unpinned, pinned, ratio,
					">= 0.98", ratio >= 0.98);
		}
		RunResult without = find(results, "StartupBenchmark.withoutPinning", null, null);
		RunResult with = find(results, "StartupBenchmark.withPinning", null, null);
		double startup = score(with) / score(without);
		ratio("4", "application start-up, five pin sets (with / without the starter)", without, with, startup,
				"<= 1.03", startup <= 1.03);
		for (String keyType : List.of("RSA", "EC")) {
			RunResult okHttp = find(results, "PinStepBenchmark.okHttp", keyType, "steady");
			RunResult pinning = find(results, "PinStepBenchmark.pinning", keyType, "steady");
			double bytes = allocation(pinning);
			this.rows.add(String.format(Locale.ROOT, "| 5 | pin step allocation, %s (B/op; OkHttp as reference) | %.0f B/op | %.0f B/op | | <= 128 | %s |",
					keyType, allocation(okHttp), bytes, verdict(bytes <= 128)));
		}
		adversarial(results);
		print();
	}

	private void pairedRows(List<RunResult> results) {
		for (String target : List.of("trust-RSA", "trust-EC", "parsed-RSA", "parsed-EC", "handshake-TLSv1.3",
				"handshake-TLSv1.2")) {
			paired(find(results, "PairedBenchmark.alternating", target, null), target);
		}
	}

	private void adversarial(List<RunResult> results) {
		for (String chain : List.of("junk-1", "junk-10", "junk-100", "junk-1000", "long-exponent", "maze",
				"impostor-mesh-100", "impostor-forged-8", "impostor-forged-100")) {
			adversarial(find(results, "AdversarialBenchmark.alternating", chain, null),
					find(results, "AdversarialBenchmark.pinStep", chain, null), chain);
		}
	}

	private void print() throws IOException {
		String table = String.join("\n", this.rows) + "\n";
		String heading = this.smoke ? "Smoke run: every benchmark ran once, briefly; these figures measure nothing.\n\n"
				: "";
		System.out.println();
		System.out.print(heading + table);
		Path file = Path.of("target", "benchmark-report.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, heading + table);
		System.out.println("\nWritten to " + file.toAbsolutePath());
	}

	/**
	 * Adds the row of a paired comparison: the median of the ratios of neighbouring pinned and
	 * unpinned iterations, with a distribution-free 95% confidence interval of that median.
	 */
	private void paired(RunResult result, String target) {
		boolean handshake = target.startsWith("handshake-");
		boolean parsed = target.startsWith("parsed-");
		List<Double> ratios = PairedRatios.of(result, handshake);
		String subject = target.substring(target.indexOf('-') + 1);
		String what = handshake ? "paired: handshakes per second, " + subject + " (pinned / unpinned)"
				: "paired: checkServerTrusted " + (parsed ? "on a chain parsed each time" : "steady") + ", " + subject
						+ " (pinned / unpinned time)";
		String number = handshake ? "3" : "1";
		double limit = parsed ? 1.05 : 1.01;
		String goal = handshake ? ">= 0.99, CI within ±2%" : "<= " + limit + ", CI within ±2%";
		if (ratios.size() < 6) {
			this.rows.add(String.format(Locale.ROOT, "| %s | %s | %d pairs | | | %s | %s |", number, what,
					ratios.size(), goal, verdict(false)));
			return;
		}
		double[] interval = PairedRatios.medianWithInterval(ratios);
		double median = interval[1];
		boolean narrow = interval[0] >= median - 0.02 && interval[2] <= median + 0.02;
		boolean met = narrow && (handshake ? median >= 0.99 : median <= limit);
		this.rows.add(String.format(Locale.ROOT, "| %s | %s | %d pairs | 95%% CI %.4f to %.4f | %.4f | %s | %s |",
				number, what, ratios.size(), interval[0], interval[2], median, goal, verdict(met)));
	}

	/**
	 * Adds the rows of an adversarial chain: the paired ratio of pinned to JDK-alone time, and
	 * the pin step alone.
	 */
	private void adversarial(RunResult paired, RunResult pinStep, String chain) {
		List<Double> ratios = PairedRatios.of(paired, false);
		String what = "paired: checkServerTrusted, adversarial " + chain + " (pinned / JDK alone time)";
		if (ratios.size() < 6) {
			this.rows.add(String.format(Locale.ROOT, "| 6 | %s | %d pairs | | | <= 1.5 | %s |", what, ratios.size(),
					verdict(false)));
		}
		else {
			double[] interval = PairedRatios.medianWithInterval(ratios);
			this.rows.add(String.format(Locale.ROOT, "| 6 | %s | %d pairs | 95%% CI %.3f to %.3f | %.3f | <= 1.5 | %s |",
					what, ratios.size(), interval[0], interval[2], interval[1], verdict(interval[1] <= 1.5)));
		}
		double micros = score(pinStep);
		this.rows.add(String.format(Locale.ROOT, "| 6 | pin step alone, adversarial %s | | %s | | <= 5 ms | %s |",
				chain, figure(pinStep), verdict(micros <= 5000)));
	}

	private void ratio(String number, String what, RunResult baseline, RunResult pinned, double ratio, String goal,
			boolean met) {
		this.rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.3f | %s | %s |", number, what,
				figure(baseline), figure(pinned), ratio, goal, verdict(met)));
	}

	private String verdict(boolean met) {
		return this.smoke ? "smoke" : (met ? "met" : "MISSED");
	}

	private static String figure(RunResult result) {
		Result<?> primary = result.getPrimaryResult();
		double error = primary.getScoreError();
		return String.format(Locale.ROOT, "%.3f%s %s", primary.getScore(),
				Double.isNaN(error) ? "" : String.format(Locale.ROOT, " ± %.3f", error), primary.getScoreUnit());
	}

	private static double score(RunResult result) {
		return result.getPrimaryResult().getScore();
	}

	private static double allocation(RunResult result) {
		Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
		return (allocation != null) ? allocation.getScore() : Double.NaN;
	}

	private static RunResult find(List<RunResult> results, String benchmark, String firstParam, String secondParam) {
		for (RunResult result : results) {
			BenchmarkParams params = result.getParams();
			if (params.getBenchmark().endsWith(benchmark) && matches(params, firstParam)
					&& matches(params, secondParam)) {
				return result;
			}
		}
		throw new IllegalStateException("No result for " + benchmark + " " + firstParam + " " + secondParam);
	}

	private static boolean matches(BenchmarkParams params, String value) {
		return value == null || params.getParamsKeys().stream().anyMatch((key) -> value.equals(params.getParam(key)));
	}

}
