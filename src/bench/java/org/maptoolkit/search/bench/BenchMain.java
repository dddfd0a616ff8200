package org.maptoolkit.search.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.cli.Services;
import org.maptoolkit.search.ingest.Ingester;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code map-search bench}: the benchmark harness, built apart from the service (its own jar) and
 * not part of the test suite.
 */
@Command(
    name = "map-search bench",
    mixinStandardHelpOptions = true,
    subcommands = {SemanticProbe.class, ServerLoad.class},
    description =
        "Measure ingest and search speed on a synthetic corpus shaped like the samples; prints"
            + " figures and writes them to target/bench/.")
public final class BenchMain implements Callable<Integer> {
  /** Runs the benchmark; exits with its status. */
  public static void main(String[] args) {
    java.util.logging.Logger.getLogger("org.apache.lucene")
        .setLevel(java.util.logging.Level.WARNING);
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Option(
      names = "--docs",
      defaultValue = "10000",
      description = "Synthetic driver pages (default ${DEFAULT-VALUE}).")
  int docs;

  @Option(
      names = "--pdfs",
      defaultValue = "40",
      description = "Synthetic PDFs of 2-40 pages (default ${DEFAULT-VALUE}).")
  int pdfs;

  @Option(
      names = "--seconds",
      defaultValue = "10",
      description = "Seconds per search measurement (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--quick",
      description = "A quick form: 2,000 pages, 8 PDFs, 3 s per measurement (under 2 minutes).")
  boolean quick;

  @Option(
      names = "--samples",
      defaultValue = "samples",
      description = "Samples whose vocabulary shapes the text (default ${DEFAULT-VALUE}).")
  Path samples;

  @Option(
      names = "--jar",
      defaultValue = "target/map-search.jar",
      description = "Service jar for the serve start-up figure (default ${DEFAULT-VALUE}).")
  Path jar;

  @Option(
      names = "--beir",
      defaultValue = "../shared/evaldata/scifact",
      description =
          "A BEIR collection for the HTTP vs raw Lucene comparison; skipped when absent (default"
              + " ${DEFAULT-VALUE}).")
  Path beir;

  @Option(
      names = "--scans",
      defaultValue = "../shared/realdocs/documents",
      description =
          "Real scanned PDFs for the OCR figure; skipped when absent or without Tesseract (default"
              + " ${DEFAULT-VALUE}).")
  Path scans;

  @Option(
      names = "--out",
      defaultValue = "target/bench",
      description = "Where results are written (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--beir-only",
      description =
          "Only the BEIR comparison (HTTP against raw Lucene, c=1 and c=8), without the synthetic"
              + " corpus: a few minutes.")
  boolean beirOnly;

  @Option(names = "--json", description = "End with one line holding all figures as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (quick) {
      docs = 2000;
      pdfs = 8;
      seconds = 3;
    }
    if (docs < 100 || pdfs < 0 || seconds <= 0) {
      throw new IllegalArgumentException("need --docs >= 100, --pdfs >= 0 and --seconds > 0");
    }
    Path work = Files.createTempDirectory("map-search-bench");
    try {
      Bench bench =
          new Bench(
              new Bench.Config(
                  samples, docs, pdfs, seconds, work, jar, beir, scans, beirOnly, System.out),
              Services.queryAnalyzer(),
              (store, cached) ->
                  Services.controllers(
                      store,
                      Services.ServerConfig.builder(samples)
                          .rateLimit(1_000_000)
                          .cacheEntries(cached ? Services.ServerConfig.DEFAULT_CACHE_ENTRIES : 0)
                          .build()));
      Map<String, Object> figures = bench.run();
      Files.createDirectories(out);
      String name =
          "bench-"
              + (beirOnly ? "beir" : String.valueOf(docs))
              + "-"
              + LocalDateTime.now(java.time.ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
              + ".json";
      Json.mapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(out.resolve(name).toFile(), figures);
      System.out.println("figures written to " + out.resolve(name));
      if (json) {
        System.out.println(Json.mapper().writeValueAsString(figures));
      }
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }
}
