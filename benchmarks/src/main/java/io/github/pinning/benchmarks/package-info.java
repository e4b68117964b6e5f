/**
 * JMH benchmarks of pinning, each against a baseline measured in the same run.
 */
package io.github.pinning.benchmarks;
