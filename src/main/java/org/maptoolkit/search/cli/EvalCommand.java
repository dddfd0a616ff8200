package org.maptoolkit.search.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.eval.Evaluation;
import org.maptoolkit.search.search.eval.Judgments;
import org.maptoolkit.search.semantic.SemanticModel;
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

  @Option(
      names = "--mode",
      defaultValue = "keyword",
      description =
          "keyword, semantic, hybrid, or all (each in turn). Other than keyword, the collection's"
              + " passages are embedded first: about 10-20 minutes for SciFact on 2 cores"
              + " (default ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description =
          "Keep the index in DIR instead of a temporary folder: a second run re-uses it, and"
              + " embeds nothing again.")
  Path keep;

  @Override
  public Integer call() throws Exception {
    for (String file : new String[] {"corpus.jsonl", "queries.jsonl", qrels}) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        throw new IllegalArgumentException(
            dir.resolve(file) + " is missing: not a BEIR collection");
      }
    }
    List<SearchRequest.Mode> modes = modes(mode);
    boolean semantic = modes.stream().anyMatch(m -> m != SearchRequest.Mode.KEYWORD);
    Path tmp = keep != null ? keep : Files.createTempDirectory("map-search-eval");
    try (IndexStore store = IndexStore.open(tmp);
        SemanticModel model = Services.semanticModel(semantic)) {
      long start = System.nanoTime();
      IngestReport report =
          Services.ingest(
              store,
              dir.resolve("corpus.jsonl"),
              new Services.IngestOptions(threads, true, false, Duration.ofMinutes(10))
                  .withSemantic(model),
              new ProgressLine(err()));
      double indexSeconds = (System.nanoTime() - start) / 1e9;
      report.notes().forEach(n -> out().println(n));
      Map<String, Object> figures = new LinkedHashMap<>();
      for (SearchRequest.Mode m : modes) {
        start = System.nanoTime();
        Evaluation.Result r =
            new Evaluation(Services.searchService(store, 0, model))
                .run(
                    Evaluation.queries(dir.resolve("queries.jsonl")),
                    Judgments.read(dir.resolve(qrels)),
                    report.indexed() + report.unchanged(),
                    m);
        double searchSeconds = (System.nanoTime() - start) / 1e9;
        out()
            .printf(
                "%s, %s: %d docs indexed in %.1f s (%d failed), %d judged queries run in %.1f s%n",
                dir.getFileName(),
                m.id(),
                r.docs(),
                indexSeconds,
                report.failed(),
                r.queries(),
                searchSeconds);
        out()
            .printf(
                "nDCG@10    %.4f%nRecall@100 %.4f%nMRR@10     %.4f%n",
                r.ndcgAt10(), r.recallAt100(), r.mrrAt10());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ndcg@10", round(r.ndcgAt10()));
        f.put("recall@100", round(r.recallAt100()));
        f.put("mrr@10", round(r.mrrAt10()));
        f.put("queries", r.queries());
        f.put("docs", r.docs());
        if (modes.size() == 1) {
          figures = f;
        } else {
          figures.put(m.id(), f);
        }
      }
      if (json) {
        out().println(Json.mapper().writeValueAsString(figures));
      }
    } catch (org.maptoolkit.search.search.SemanticUnavailableException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    } finally {
      if (keep == null) {
        try (Stream<Path> files = Files.walk(tmp)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return 0;
  }

  private List<SearchRequest.Mode> modes(String value) {
    if (value.equals("all")) {
      return List.of(SearchRequest.Mode.values());
    }
    for (SearchRequest.Mode m : SearchRequest.Mode.values()) {
      if (m.id().equals(value)) {
        return List.of(m);
      }
    }
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "--mode must be keyword, semantic, hybrid or all; got '" + value + "'");
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
