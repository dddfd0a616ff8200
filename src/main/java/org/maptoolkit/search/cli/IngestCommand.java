package org.maptoolkit.search.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.SourceLocation;
import org.maptoolkit.search.semantic.SemanticModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code map-search ingest SOURCE...}: index folders of toolkit pages and documents, exports, or a
 * live WordPress site.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Index folders of MAP Toolkit pages (HTML) and the documents they link to, or follow a live"
            + " WordPress site through its REST API. Unchanged items are skipped (a site's unchanged"
            + " posts are not downloaded again); items no longer in the source are removed unless"
            + " --keep-missing.")
final class IngestCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "SOURCE",
      arity = "1..*",
      converter = SourceArgument.class,
      description =
          "Folders of pages, WordPress exports (.xml), JSON Lines files (.jsonl), or the address"
              + " of a WordPress site (https://toolkit.example.org/): its published posts, pages"
              + " and custom types, read through its REST API.")
  List<SourceLocation> sources;

  @Mixin IndexOption index;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Parallel workers (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--keep-missing",
      description = "Keep records whose page is no longer in the source.")
  boolean keepMissing;

  @Option(
      names = "--no-fetch",
      description = "Do not fetch main documents linked by URL (keep the links only).")
  boolean noFetch;

  @Option(
      names = "--commit-seconds",
      defaultValue = "5",
      description =
          "Commit at least this often during a long run; a crash loses at most this much work"
              + " (default ${DEFAULT-VALUE}).")
  int commitSeconds;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the full report as JSON.")
  Path report;

  @Option(
      names = "--no-ocr",
      description =
          "Do not read scanned pages and images by OCR (it is on when Tesseract is installed).")
  boolean noOcr;

  @Option(
      names = "--retry-failed",
      description =
          "Read again files that failed before and have not changed (otherwise they are reported"
              + " as unchanged, with their earlier reason).")
  boolean retryFailed;

  @Option(
      names = "--fetch-allow-host",
      split = ",",
      paramLabel = "HOST",
      description =
          "A host on a private network (or this machine) that main documents may be fetched from;"
              + " others resolving to loopback, link-local or private addresses are refused"
              + " (repeatable).")
  List<String> fetchAllowHosts = new java.util.ArrayList<>();

  @Option(
      names = "--no-semantic",
      description =
          "Index for keyword search only: do not cut records into passages and embed them for"
              + " search by meaning (semantic and hybrid search need them).")
  boolean noSemantic;

  // For tests: a shorter wait before asking a failing site again (the default is 500 ms).
  @Option(names = "--site-backoff-ms", hidden = true)
  Long siteBackoffMillis;

  @Override
  public Integer call() throws Exception {
    try (IndexStore store = IndexStore.open(index.index);
        SemanticModel model = Services.semanticModel(!noSemantic)) {
      for (SourceLocation source : sources) {
        err()
            .println(
                (source instanceof SourceLocation.Site ? "Syncing " : "Ingesting ")
                    + source
                    + " into "
                    + index.index);
        IngestReport r =
            Services.ingest(
                store,
                source,
                new Services.IngestOptions(
                        threads,
                        !keepMissing && sources.size() == 1,
                        !noFetch,
                        Duration.ofSeconds(commitSeconds),
                        !noOcr,
                        retryFailed,
                        java.util.Set.copyOf(fetchAllowHosts),
                        siteBackoffMillis == null ? null : Duration.ofMillis(siteBackoffMillis))
                    .withSemantic(model),
                new ProgressLine(err()));
        if (model.status().state().equals(SemanticModel.Status.UNAVAILABLE)) {
          err()
              .println(
                  "Semantic search unavailable ("
                      + model.status().reason()
                      + "): records indexed for keyword search only");
        }
        Reports.printSummary(r, out());
        if (report != null) {
          Json.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), r);
          out().println("Report written to " + report);
        }
      }
      out().println(store.stats().documents() + " documents searchable in " + index.index);
    }
    // Items that failed are reported, not fatal: the rest of the source is indexed.
    return 0;
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
