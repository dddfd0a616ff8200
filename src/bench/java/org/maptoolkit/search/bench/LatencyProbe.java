package org.maptoolkit.search.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.maptoolkit.search.document.DocType;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.QueryBuilder;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.semantic.Embedder;
import org.maptoolkit.search.semantic.Fusion;
import org.maptoolkit.search.semantic.VectorQueries;

/**
 * What hybrid search adds to a keyword search, part by part, per query: embedding the query (not
 * cached), the per-record kNN search (with and without a filter), taking 100 keyword hits instead
 * of 10 for fusion, and the fusion itself. One warm-up round, then one measured.
 */
final class LatencyProbe {
  private final IndexStore store;
  private final SearchService search;
  private final QueryBuilder parser;
  private final Embedder embedder;
  private final VectorQueries vectors = new VectorQueries();
  private final java.lang.management.ThreadMXBean threads =
      java.lang.management.ManagementFactory.getThreadMXBean();

  LatencyProbe(IndexStore store, SearchService search, QueryBuilder parser, Embedder embedder) {
    this.store = store;
    this.search = search;
    this.parser = parser;
    this.embedder = embedder;
  }

  /** Per part, the p50, p90 and p99 in milliseconds. */
  Map<String, double[]> run(List<String> queries, PrintStream out) throws IOException {
    Map<String, long[]> times = new LinkedHashMap<>();
    for (int round = 0; round < 2; round++) {
      times.clear();
      for (int i = 0; i < queries.size(); i++) {
        measure(queries.get(i), i, queries.size(), times);
      }
    }
    Map<String, double[]> out2 = new LinkedHashMap<>();
    times.forEach((part, t) -> out2.put(part, percentiles(t)));
    out.printf("%-44s %8s %8s %8s%n", "latency (ms)", "p50", "p90", "p99");
    out2.forEach((part, p) -> out.printf("%-44s %8.2f %8.2f %8.2f%n", part, p[0], p[1], p[2]));
    return out2;
  }

  private void measure(String q, int i, int n, Map<String, long[]> times) throws IOException {
    long t = System.nanoTime();
    search.search(
        new SearchRequest(q, Map.of(), SearchRequest.Sort.RELEVANCE, 1, 10),
        new SearchService.Options(false, false));
    record(times, "keyword search, service, top 10", i, n, System.nanoTime() - t);
    Query parsed = parser.parse(q).query();
    try (IndexStore.Lease lease = store.lease()) {
      var searcher = lease.searcher();
      t = System.nanoTime();
      searcher.search(parsed, 10);
      long ids10 = System.nanoTime() - t;
      record(times, "keyword ids, raw Lucene, top 10", i, n, ids10);
      t = System.nanoTime();
      TopDocs keyword = searcher.search(parsed, 100);
      long ids100 = System.nanoTime() - t;
      record(times, "keyword ids, raw Lucene, top 100", i, n, ids100);
      long cpu = threads.getCurrentThreadCpuTime();
      t = System.nanoTime();
      float[] v = embedder.embedPassages(List.of(Embedder.QUERY_PREFIX + q.strip())).get(0);
      long embed = System.nanoTime() - t;
      record(times, "query embedding (uncached)", i, n, embed);
      // One text runs on the calling thread (one ONNX Runtime thread a run): its CPU time is the
      // cost on an idle core, whatever else the machine was doing.
      record(
          times,
          "query embedding (uncached), CPU time",
          i,
          n,
          threads.getCurrentThreadCpuTime() - cpu);
      t = System.nanoTime();
      embedder.embedPassages(List.of(q.strip()));
      record(times, "query embedding without prefix (uncached)", i, n, System.nanoTime() - t);
      t = System.nanoTime();
      List<VectorQueries.Match> near = vectors.search(searcher, v, 100, null);
      long knn = System.nanoTime() - t;
      record(times, "kNN top 100 records", i, n, knn);
      t = System.nanoTime();
      vectors.search(
          searcher, v, 100, new TermQuery(new Term(IndexFields.TYPE, DocType.DOCUMENT.value())));
      record(times, "kNN top 100 records, with a filter", i, n, System.nanoTime() - t);
      t = System.nanoTime();
      List<Fusion.Ranked<Integer>> kw = new ArrayList<>();
      for (ScoreDoc sd : keyword.scoreDocs) {
        kw.add(new Fusion.Ranked<>(sd.doc, sd.score));
      }
      List<Fusion.Ranked<Integer>> vec = new ArrayList<>();
      near.forEach(m -> vec.add(new Fusion.Ranked<>(m.doc(), m.score())));
      Fusion.blend(0.5).fuse(kw, vec);
      long fuse = System.nanoTime() - t;
      record(times, "fusion of 100 + 100", i, n, fuse);
      record(times, "added by hybrid, query not cached", i, n, embed + knn + fuse + ids100 - ids10);
      record(times, "added by hybrid, query cached", i, n, knn + fuse + ids100 - ids10);
    }
  }

  private static void record(Map<String, long[]> times, String part, int i, int n, long nanos) {
    times.computeIfAbsent(part, p -> new long[n])[i] = nanos;
  }

  private static double[] percentiles(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return new double[] {
      s[s.length / 2] / 1e6, s[(int) (s.length * 0.9)] / 1e6, s[Math.min(s.length - 1, (int) (s.length * 0.99))] / 1e6
    };
  }
}
