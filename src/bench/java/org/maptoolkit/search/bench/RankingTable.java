package org.maptoolkit.search.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.search.eval.Metrics;

/** nDCG@10, Recall@100 and MRR@10 per ranking method, averaged over the judged queries. */
final class RankingTable {
  private final Map<String, double[]> sums = new LinkedHashMap<>();
  private int queries;

  /** Adds one query's ranking by {@code method}. */
  void add(String method, List<String> ranked, Map<String, Integer> judged) {
    double[] s = sums.computeIfAbsent(method, m -> new double[3]);
    s[0] += Metrics.ndcg(ranked, judged, 10);
    s[1] += Metrics.recall(ranked, judged, 100);
    s[2] += Metrics.reciprocalRank(ranked, judged, 10);
  }

  void queryDone() {
    queries++;
  }

  double ndcg(String method) {
    return sums.get(method)[0] / queries;
  }

  void print(PrintStream out) {
    out.printf("%-34s %8s %10s %7s   (%d queries)%n", "method", "nDCG@10", "Recall@100", "MRR@10", queries);
    sums.forEach(
        (method, s) ->
            out.printf(
                "%-34s %8.4f %10.4f %7.4f%n",
                method, s[0] / queries, s[1] / queries, s[2] / queries));
  }

  Map<String, double[]> averages() {
    Map<String, double[]> out = new LinkedHashMap<>();
    sums.forEach((m, s) -> out.put(m, new double[] {s[0] / queries, s[1] / queries, s[2] / queries}));
    return out;
  }
}
