package org.maptoolkit.search.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.search.eval.Evaluation;
import org.maptoolkit.search.search.eval.Judgments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code map-search eval DIR}: relevance of the service's search on a BEIR collection. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Index a BEIR collection (corpus.jsonl, queries.jsonl, qrels/test.tsv) into a temporary"
            + " index with the service's analysis and query pipeline, run the judged queries and"
            + " report nDCG@10, Recall@100 and MRR@10.")
final class EvalCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The collection's folder.")
  Path dir;

  @Option(
      names = "--qrels",
      defaultValue = "qrels/test.tsv",
      description = "Judgments inside DIR (default ${DEFAULT-VALUE}).")
  String qrels;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Indexing threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--json", description = "End with one line holding the figures as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    for (String file : new String[] {"corpus.jsonl", "queries.jsonl", qrels}) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        throw new IllegalArgumentException(
            dir.resolve(file) + " is missing: not a BEIR collection");
      }
    }
    Path tmp = Files.createTempDirectory("map-search-eval");
    try (IndexStore store = IndexStore.open(tmp)) {
      long start = System.nanoTime();
      IngestReport report =
          Services.ingest(
              store,
              dir.resolve("corpus.jsonl"),
              new Services.IngestOptions(threads, true, false, Duration.ofMinutes(10)),
              new ProgressLine(err()));
      double indexSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      Evaluation.Result r =
          new Evaluation(Services.searchService(store))
              .run(
                  Evaluation.queries(dir.resolve("queries.jsonl")),
                  Judgments.read(dir.resolve(qrels)),
                  report.indexed() + report.unchanged());
      double searchSeconds = (System.nanoTime() - start) / 1e9;
      out()
          .printf(
              "%s: %d docs indexed in %.1f s (%d failed), %d judged queries run in %.1f s%n",
              dir.getFileName(),
              r.docs(),
              indexSeconds,
              report.failed(),
              r.queries(),
              searchSeconds);
      out()
          .printf(
              "nDCG@10    %.4f%nRecall@100 %.4f%nMRR@10     %.4f%n",
              r.ndcgAt10(), r.recallAt100(), r.mrrAt10());
      if (json) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ndcg@10", round(r.ndcgAt10()));
        figures.put("recall@100", round(r.recallAt100()));
        figures.put("mrr@10", round(r.mrrAt10()));
        figures.put("queries", r.queries());
        figures.put("docs", r.docs());
        out().println(Json.mapper().writeValueAsString(figures));
      }
    } finally {
      try (Stream<Path> files = Files.walk(tmp)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
