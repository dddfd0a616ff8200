package org.maptoolkit.search.bench;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;

/**
 * One request stream consumed by successive load runs, so that each run continues where the last
 * stopped and knows which of its requests repeated an earlier one.
 */
final class ZipfStream {
  /** A run's figures and the share of its requests that repeated an earlier one. */
  record Window(Stats stats, double repeatShare) {}

  private final int[] draws;
  private final BitSet seen = new BitSet();
  private int consumed;

  ZipfStream(int[] draws) {
    this.draws = draws;
  }

  /** {@code count} draws from a Zipf distribution over {@code n} ranks (0 the most popular). */
  static int[] draws(int n, double exponent, int count, long seed) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, exponent);
      cdf[k] = sum;
    }
    Random random = new Random(seed);
    int[] draws = new int[count];
    for (int i = 0; i < count; i++) {
      int k = Arrays.binarySearch(cdf, random.nextDouble() * sum);
      draws[i] = Math.min(n - 1, k < 0 ? -k - 1 : k);
    }
    return draws;
  }

  Window run(int threads, double seconds, int max, LoadRunner.Call call) throws Exception {
    int base = consumed;
    Stats stats = LoadRunner.run(threads, seconds, max, i -> call.run(draws[base + i]));
    int repeats = 0;
    for (int i = base; i < base + (int) stats.count(); i++) {
      if (seen.get(draws[i])) {
        repeats++;
      }
      seen.set(draws[i]);
    }
    consumed = base + (int) stats.count();
    return new Window(stats, stats.count() == 0 ? 0 : repeats / (double) stats.count());
  }
}
