package org.maptoolkit.search.search.eval;

import java.util.List;
import java.util.Map;

/**
 * Ranking metrics computed as trec_eval computes them: graded nDCG@k (gain = relevance grade,
 * discount log2(rank + 1), ideal ranking from all judged documents), Recall@k and MRR@k.
 */
public final class Metrics {
  private Metrics() {}

  /** nDCG at {@code k}; 0 when the query has no relevant document. */
  public static double ndcg(List<String> ranked, Map<String, Integer> judged, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      int gain = Math.max(0, judged.getOrDefault(ranked.get(i), 0));
      dcg += gain / log2(i + 2);
    }
    List<Integer> ideal =
        judged.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** The share of relevant documents found in the top {@code k}. */
  public static double recall(List<String> ranked, Map<String, Integer> judged, int k) {
    long relevant = judged.values().stream().filter(g -> g > 0).count();
    if (relevant == 0) {
      return 0;
    }
    long found = ranked.stream().limit(k).filter(id -> judged.getOrDefault(id, 0) > 0).count();
    return found / (double) relevant;
  }

  /** The reciprocal rank of the first relevant document within the top {@code k}, else 0. */
  public static double reciprocalRank(List<String> ranked, Map<String, Integer> judged, int k) {
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (judged.getOrDefault(ranked.get(i), 0) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
