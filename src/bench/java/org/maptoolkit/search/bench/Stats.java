package org.maptoolkit.search.bench;

import java.util.Arrays;

/**
 * Latency figures from a sample of durations in nanoseconds, with the CPU the whole process and
 * the calling threads used per call (so that an in-process server's own share can be told apart
 * from its clients').
 */
record Stats(
    long count,
    double seconds,
    double qps,
    double p50Ms,
    double p99Ms,
    double processCpuMs,
    double callerCpuMs) {
  static Stats of(long[] nanos, int n, double seconds) {
    return of(nanos, n, seconds, 0, 0);
  }

  static Stats of(long[] nanos, int n, double seconds, long processCpuNanos, long callerCpuNanos) {
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    return new Stats(
        n,
        seconds,
        n / seconds,
        n == 0 ? 0 : sorted[n / 2] / 1e6,
        n == 0 ? 0 : sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6,
        n == 0 ? 0 : processCpuNanos / 1e6 / n,
        n == 0 ? 0 : callerCpuNanos / 1e6 / n);
  }

  /**
   * CPU per call spent outside the calling threads: for HTTP calls to a server in the same
   * process, the server's cost (its request threads, GC and JIT) without the clients'.
   */
  double serverCpuMs() {
    return Math.max(0, processCpuMs - callerCpuMs);
  }

  @Override
  public String toString() {
    return String.format(
        "%8.0f QPS  p50 %7.3f ms  p99 %7.3f ms  (%d requests; CPU %.3f ms a call, callers %.3f)",
        qps, p50Ms, p99Ms, count, processCpuMs, callerCpuMs);
  }
}
