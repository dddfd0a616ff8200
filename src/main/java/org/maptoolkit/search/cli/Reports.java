package org.maptoolkit.search.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.ingest.IngestReport;

/** Prints an ingest report's summary: counts, then every item not indexed and why. */
final class Reports {
  private Reports() {}

  static void printSummary(IngestReport r, PrintWriter out) {
    out.printf(
        "Ingest finished in %.1f s: %d indexed, %d unchanged, %d skipped, %d failed, %d deleted%n",
        r.millis() / 1000.0, r.indexed(), r.unchanged(), r.skipped(), r.failed(), r.deleted());
    for (IngestReport.Entry e : r.entries()) {
      switch (e.outcome()) {
        case SKIPPED, FAILED ->
            out.printf(
                "  %-8s %s: %s%n",
                e.outcome().name().toLowerCase(java.util.Locale.ROOT), e.origin(), e.reason());
        default -> {}
      }
    }
    long warned = r.entries().stream().filter(e -> !e.warnings().isEmpty()).count();
    if (warned > 0) {
      out.printf("  %d indexed with warnings:%n", warned);
      for (IngestReport.Entry e : r.entries()) {
        for (String w : e.warnings()) {
          out.printf("    %s: %s%n", e.origin(), w);
        }
      }
    }
    for (String note : r.notes()) {
      out.printf("  %s%n", note);
    }
    for (Map.Entry<String, List<String>> u : r.unmatched().entrySet()) {
      out.printf(
          "  unrecognised %s values (kept as written): %s%n",
          u.getKey(), String.join(" | ", u.getValue()));
    }
  }
}
