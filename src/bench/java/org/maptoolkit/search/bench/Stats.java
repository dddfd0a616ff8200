package org.maptoolkit.search.bench;

import java.util.Arrays;

/** Latency figures from a sample of durations in nanoseconds. */
record Stats(long count, double seconds, double qps, double p50Ms, double p99Ms) {
  static Stats of(long[] nanos, int n, double seconds) {
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    return new Stats(
        n,
        seconds,
        n / seconds,
        n == 0 ? 0 : sorted[n / 2] / 1e6,
        n == 0 ? 0 : sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6);
  }

  @Override
  public String toString() {
    return String.format(
        "%8.0f QPS  p50 %7.3f ms  p99 %7.3f ms  (%d requests)", qps, p50Ms, p99Ms, count);
  }
}
