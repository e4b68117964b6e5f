package io.github.pinning.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/**
 * The statistics of {@link PairedBenchmark}: each fork's measured iterations, taken two by two
 * (one pinned, one unpinned, in alternating order), give one ratio each; the report shows
 * their median and a distribution-free 95% confidence interval of the median from order
 * statistics (the binomial sign-test interval), which assumes nothing about how the machine's
 * noise is distributed.
 */
final class PairedRatios {

	private PairedRatios() {
	}

	/**
	 * Returns the ratio of each pair of neighbouring iterations.
	 * @param result the run of one {@link PairedBenchmark} target
	 * @param perSecond whether to return unpinned over pinned time (operations per second,
	 * pinned / unpinned) rather than pinned over unpinned time
	 * @return the ratios, one per pair
	 */
	static List<Double> of(RunResult result, boolean perSecond) {
		int warmups = result.getParams().getWarmup().getCount();
		List<Double> ratios = new ArrayList<>();
		for (BenchmarkResult fork : result.getBenchmarkResults()) {
			List<IterationResult> iterations = new ArrayList<>(fork.getIterationResults());
			for (int i = 0; i + 1 < iterations.size(); i += 2) {
				double first = iterations.get(i).getPrimaryResult().getScore();
				double second = iterations.get(i + 1).getPrimaryResult().getScore();
				boolean firstPinned = PairedBenchmark.isPinned(warmups + i);
				if (firstPinned == PairedBenchmark.isPinned(warmups + i + 1)) {
					throw new IllegalStateException("Iterations " + i + " and " + (i + 1) + " ran the same variant");
				}
				double pinned = firstPinned ? first : second;
				double unpinned = firstPinned ? second : first;
				ratios.add(perSecond ? unpinned / pinned : pinned / unpinned);
			}
		}
		return ratios;
	}

	/**
	 * Returns the median of the ratios and its 95% confidence interval.
	 * @param ratios the ratios, at least six
	 * @return the lower bound, the median and the upper bound
	 */
	static double[] medianWithInterval(List<Double> ratios) {
		double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int n = sorted.length;
		double median = (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
		// The largest k with P(X < k) <= 2.5% for X ~ Binomial(n, 1/2): the k-th smallest and
		// the k-th largest ratio then bound the median with at least 95% confidence.
		int k = 0;
		double below = 0;
		double probability = Math.pow(0.5, n);
		while (below + probability <= 0.025) {
			below += probability;
			k++;
			probability = probability * (n - k + 1) / k;
		}
		int index = Math.max(k - 1, 0);
		return new double[] { sorted[index], median, sorted[n - 1 - index] };
	}

}
