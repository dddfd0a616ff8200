package org.maptoolkit.search.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.maptoolkit.search.cli.Services;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.QueryBuilder;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.search.eval.Evaluation;
import org.maptoolkit.search.search.eval.Judgments;
import org.maptoolkit.search.semantic.Embedder;
import org.maptoolkit.search.semantic.Fusion;
import org.maptoolkit.search.semantic.Passages;
import org.maptoolkit.search.semantic.VectorQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code map-search bench semantic}: relevance and cost of semantic and hybrid search on a BEIR
 * collection. Ingests it as JSON Lines with the service's pipeline (the keyword index), reads the
 * records back, embeds their passages and writes them as blocks into a second index, then scores
 * keyword, vector and fused rankings of the judged queries with the project's metrics, and times
 * what hybrid search adds.
 */
@Command(
    name = "semantic",
    mixinStandardHelpOptions = true,
    description =
        "nDCG@10 and Recall@100 of keyword, semantic and fused rankings on a BEIR collection, with"
            + " embedding throughput, index size and the latency hybrid search adds.")
final class SemanticProbe implements Callable<Integer> {
  @Option(
      names = "--beir",
      defaultValue = "../shared/evaldata/scifact",
      description = "The BEIR collection (default ${DEFAULT-VALUE}).")
  Path beir;

  @Option(
      names = "--work",
      defaultValue = "target/semantic-probe",
      description =
          "Where the indexes and the passage vector cache are kept between runs (default"
              + " ${DEFAULT-VALUE}).")
  Path work;

  @Option(
      names = "--window",
      defaultValue = "510",
      description = "Passage window in tokens, title included (default ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--overlap",
      defaultValue = "64",
      description = "Tokens a window repeats (default ${DEFAULT-VALUE}).")
  int overlap;

  @Option(
      names = "--max-passages",
      defaultValue = "2000",
      description =
          "Passages a record keeps; 1 embeds each record's text once, cut at the window (default"
              + " ${DEFAULT-VALUE}).")
  int maxPassages;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Model runs at once while embedding passages (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Threads one model run uses (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--no-latency", description = "Skip the latency measurement.")
  boolean noLatency;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(work);
    Path keywordIndex = work.resolve("keyword");
    delete(keywordIndex);
    double rate = IngestBench.rate(beir.resolve("corpus.jsonl"), keywordIndex, 2);
    out.printf("%s ingested as JSON Lines at %.0f records/s%n", beir.getFileName(), rate);
    Embedder.Load load =
        Embedder.load(
            Embedder.Settings.defaults().withThreads(threads).withParallelism(parallelism));
    if (load instanceof Embedder.Load.Unavailable(String reason)) {
      out.println("no semantic figures: " + reason);
      return 1;
    }
    Map<String, String> queries = Evaluation.queries(beir.resolve("queries.jsonl"));
    Judgments judgments = Judgments.read(beir.resolve("qrels/test.tsv"));
    Map<String, Object> figures = new LinkedHashMap<>();
    String variant = "w" + window + "-o" + overlap + (maxPassages == 1 ? "-first" : "");
    Path hybridIndex = work.resolve("hybrid-" + variant);
    try (Embedder embedder = load.available().orElseThrow()) {
      HybridIndexBuilder.Built built;
      try (IndexStore keyword = IndexStore.openExisting(keywordIndex);
          VectorCache cache = new VectorCache(work.resolve("vectors.bin"))) {
        figures.put("keyword_index", evaluate(keyword, queries, judgments));
        List<MapDocument> records = ProbeRecords.read(keyword);
        Passages passages =
            new Passages(
                embedder.tokens(),
                new Passages.Settings(
                    window, overlap, Math.min(48, window / 2 - 1), maxPassages));
        built = new HybridIndexBuilder(embedder, passages).build(records, hybridIndex, cache, out);
      }
      report(built, keywordIndex, hybridIndex, figures);
      try (IndexStore hybrid = IndexStore.openExisting(hybridIndex)) {
        figures.put("keyword_on_hybrid_index", evaluate(hybrid, queries, judgments));
        RankingTable table = rank(hybrid, embedder, queries, judgments);
        table.print(out);
        figures.put("rankings", table.averages());
        if (!noLatency) {
          SearchService search = new SearchService(hybrid, Services.queryAnalyzer());
          figures.put(
              "latency_ms",
              new LatencyProbe(
                      hybrid, search, new QueryBuilder(Services.queryAnalyzer()), embedder)
                  .run(new ArrayList<>(queries.values()), out));
        }
      }
    }
    Path file = work.resolve("semantic-" + variant + ".json");
    Json.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
    out.println("figures written to " + file);
    return 0;
  }

  /** The project's own evaluation of keyword search on {@code store}. */
  private Map<String, Object> evaluate(
      IndexStore store, Map<String, String> queries, Judgments judgments) {
    Evaluation.Result r =
        new Evaluation(new SearchService(store, Services.queryAnalyzer()))
            .run(queries, judgments, store.stats().documents());
    out.printf(
        "keyword search (Evaluation) on %s: nDCG@10 %.4f, Recall@100 %.4f, MRR@10 %.4f%n",
        store.path().getFileName(), r.ndcgAt10(), r.recallAt100(), r.mrrAt10());
    return Map.of("ndcg@10", r.ndcgAt10(), "recall@100", r.recallAt100(), "mrr@10", r.mrrAt10());
  }

  private void report(
      HybridIndexBuilder.Built built, Path keyword, Path hybrid, Map<String, Object> figures)
      throws IOException {
    long kwBytes = size(keyword);
    long hyBytes = size(hybrid);
    out.printf(
        "embedded %d passages in %.1f s: %.1f passages/s wall, %.1f per CPU-second%n",
        built.embedded(),
        built.embedSeconds(),
        built.passagesPerSecond(),
        built.passagesPerCpuSecond());
    out.printf(
        "index: keyword %.1f MB (%.0f bytes/record), with passage vectors %.1f MB (%.0f"
            + " bytes/record, %d passages for %d records)%n",
        kwBytes / 1e6,
        kwBytes / (double) built.records(),
        hyBytes / 1e6,
        hyBytes / (double) built.records(),
        built.passages(),
        built.records());
    figures.put("records", built.records());
    figures.put("passages", built.passages());
    figures.put("embedded", built.embedded());
    figures.put("passages_per_second", built.passagesPerSecond());
    figures.put("passages_per_cpu_second", built.passagesPerCpuSecond());
    figures.put("keyword_index_bytes", kwBytes);
    figures.put("hybrid_index_bytes", hyBytes);
  }

  /** Every judged query ranked by keyword, by vector, and by each fusion of the two. */
  private RankingTable rank(
      IndexStore store, Embedder embedder, Map<String, String> queries, Judgments judgments)
      throws IOException {
    SearchService search = new SearchService(store, Services.queryAnalyzer());
    VectorQueries vectors = new VectorQueries();
    List<Fusion> fusions = new ArrayList<>();
    for (int k : new int[] {5, 10, 20, 40, 60, 100}) {
      fusions.add(Fusion.rrf(k));
    }
    for (double w : new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.7}) {
      fusions.add(Fusion.blend(w));
    }
    RankingTable table = new RankingTable();
    for (var judged : judgments.byQuery().entrySet()) {
      String text = queries.get(judged.getKey());
      if (text == null || judged.getValue().values().stream().noneMatch(g -> g > 0)) {
        continue;
      }
      SearchResult result =
          search.search(
              new SearchRequest(text, Map.of(), SearchRequest.Sort.RELEVANCE, 1, 100),
              new SearchService.Options(false, false));
      List<Fusion.Ranked<String>> keyword = new ArrayList<>();
      result.hits().forEach(h -> keyword.add(new Fusion.Ranked<>(h.id(), h.score())));
      List<Fusion.Ranked<String>> vector = new ArrayList<>();
      try (IndexStore.Lease lease = store.lease()) {
        vectors
            .search(lease.searcher(), embedder.embedQuery(text), 100, null)
            .forEach(m -> vector.add(new Fusion.Ranked<>(m.id(), m.score())));
      }
      // BGE v1.5 is said to need the query prefix less than earlier versions: without it a query
      // is a third shorter to embed.
      List<Fusion.Ranked<String>> bare = new ArrayList<>();
      try (IndexStore.Lease lease = store.lease()) {
        vectors
            .search(lease.searcher(), embedder.embedPassages(List.of(text)).get(0), 100, null)
            .forEach(m -> bare.add(new Fusion.Ranked<>(m.id(), m.score())));
      }
      table.add("keyword (service)", ids(keyword), judged.getValue());
      table.add("semantic (passages)", ids(vector), judged.getValue());
      table.add("semantic, query without prefix", ids(bare), judged.getValue());
      for (Fusion f : fusions) {
        List<String> fused = f.fuse(keyword, vector).stream().map(Fusion.Fused::key).toList();
        table.add(f.toString(), fused, judged.getValue());
      }
      for (Fusion f : List.of(Fusion.rrf(60), Fusion.blend(0.5))) {
        List<String> fused = f.fuse(keyword, bare).stream().map(Fusion.Fused::key).toList();
        table.add(f + ", no prefix", fused, judged.getValue());
      }
      table.queryDone();
    }
    return table;
  }

  private static List<String> ids(List<Fusion.Ranked<String>> ranked) {
    return ranked.stream().map(Fusion.Ranked::key).toList();
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
