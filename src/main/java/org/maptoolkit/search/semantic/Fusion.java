package org.maptoolkit.search.semantic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ranking from two: the keyword ranking and the vector ranking of the same query, over the same
 * keys (record ids or Lucene documents). Two ways, each configurable:
 *
 * <ul>
 *   <li>reciprocal rank fusion: {@code wk / (k + rank_keyword) + wv / (k + rank_vector)}, ranks
 *       from 1, a list a key is absent from adding nothing;
 *   <li>a blend of scores made comparable by min-max normalisation within each list: {@code w *
 *       norm_keyword + (1 - w) * norm_vector}, where {@code norm = (score - min) / (max - min)}
 *       over that list (1 when all its scores are equal) and 0 for a key absent from the list.
 * </ul>
 *
 * Ties are broken by the better of a key's two ranks, then by first appearance (keyword list
 * first).
 *
 * @param k RRF's rank constant (unused by the blend)
 * @param keywordWeight the keyword list's weight
 * @param vectorWeight the vector list's weight
 */
public record Fusion(Method method, int k, double keywordWeight, double vectorWeight) {
  /** How the two lists are combined. */
  public enum Method {
    RRF,
    BLEND
  }

  /** A key and its score in one list; lists are given best first. */
  public record Ranked<K>(K key, double score) {}

  /**
   * A key in the fused ranking.
   *
   * @param keywordRank its rank in the keyword list (from 1), 0 when absent
   * @param vectorRank its rank in the vector list, 0 when absent
   */
  public record Fused<K>(K key, double score, int keywordRank, int vectorRank) {}

  public Fusion {
    if (keywordWeight < 0 || vectorWeight < 0 || keywordWeight + vectorWeight == 0) {
      throw new IllegalArgumentException("weights must be at least 0, and not both 0");
    }
    if (method == Method.RRF && k < 0) {
      throw new IllegalArgumentException("RRF's k must be at least 0");
    }
  }

  /** Reciprocal rank fusion with rank constant {@code k}, both lists weighing the same. */
  public static Fusion rrf(int k) {
    return new Fusion(Method.RRF, k, 1, 1);
  }

  /** Min-max normalised scores, {@code keywordWeight} of the keyword list's and the rest vector. */
  public static Fusion blend(double keywordWeight) {
    if (keywordWeight > 1) {
      throw new IllegalArgumentException("the keyword weight of a blend is at most 1");
    }
    return new Fusion(Method.BLEND, 0, keywordWeight, 1 - keywordWeight);
  }

  /** The fused ranking of every key in either list, best first. */
  public <K> List<Fused<K>> fuse(List<Ranked<K>> keyword, List<Ranked<K>> vector) {
    Map<K, double[]> byKey = new LinkedHashMap<>();
    // Per key: keyword rank, vector rank, keyword part, vector part.
    add(byKey, keyword, 0, keywordWeight);
    add(byKey, vector, 1, vectorWeight);
    List<Fused<K>> out = new ArrayList<>(byKey.size());
    byKey.forEach((key, v) -> out.add(new Fused<>(key, v[2] + v[3], (int) v[0], (int) v[1])));
    out.sort(
        Comparator.comparingDouble((Fused<K> f) -> -f.score())
            .thenComparingInt(f -> bestRank(f.keywordRank(), f.vectorRank())));
    return out;
  }

  private <K> void add(Map<K, double[]> byKey, List<Ranked<K>> list, int which, double weight) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Ranked<K> r : list) {
      min = Math.min(min, r.score());
      max = Math.max(max, r.score());
    }
    int rank = 0;
    for (Ranked<K> r : list) {
      double[] v = byKey.computeIfAbsent(r.key(), x -> new double[4]);
      if (v[which] != 0) {
        continue; // A key listed twice keeps its better rank.
      }
      v[which] = ++rank;
      v[2 + which] = weight * part(rank, r.score(), min, max);
    }
  }

  private double part(int rank, double score, double min, double max) {
    return switch (method) {
      case RRF -> 1.0 / (k + rank);
      case BLEND -> max == min ? 1.0 : (score - min) / (max - min);
    };
  }

  private static int bestRank(int a, int b) {
    if (a == 0) {
      return b;
    }
    return b == 0 ? a : Math.min(a, b);
  }

  @Override
  public String toString() {
    if (method == Method.RRF) {
      return keywordWeight == vectorWeight
          ? "RRF k=" + k
          : String.format(
              Locale.ROOT, "RRF k=%d weights %.2f/%.2f", k, keywordWeight, vectorWeight);
    }
    return String.format(
        Locale.ROOT, "blend %.2f keyword / %.2f vector", keywordWeight, vectorWeight);
  }
}
