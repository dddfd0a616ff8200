package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.ingest.OcrSettings;

/**
 * A scan indexed before Tesseract could read it is read by OCR when asked again: an unchanged file
 * that gave no text is reported as such on later runs (with how to read it), and {@code
 * --retry-failed} reads it again. The sample scan is Better Births (a scanned PDF).
 */
class OcrRetryTest {
  @TempDir Path dir;

  @Test
  void aScanThatGaveNoTextIsReadAgainWithRetryFailed() throws Exception {
    Project.require(
        OcrSettings.detect("tesseract", 60).enabled(),
        "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)");
    Path source = dir.resolve("site");
    Files.createDirectories(source.resolve("drivers"));
    Files.createDirectories(source.resolve("documents"));
    Files.copy(
        Project.samples().resolve("drivers/better-births.html"),
        source.resolve("drivers/better-births.html"));
    Files.copy(
        Project.samples().resolve("documents/better-births.pdf"),
        source.resolve("documents/better-births.pdf"));
    Path index = dir.resolve("index");

    JsonNode first = ingest(source, index, "first", "--no-ocr");
    assertThat(entry(first).path("extraction").asText()).isEqualTo("no-text");

    // Tesseract is there now, but the file has not changed: reported, not read.
    JsonNode again = ingest(source, index, "again");
    assertThat(entry(again).path("outcome").asText()).isEqualTo("UNCHANGED");
    assertThat(entry(again).path("extraction").asText()).isEqualTo("no-text");
    assertThat(entry(again).path("reason").asText())
        .startsWith("unchanged since no text was read from it (--retry-failed reads it again): ")
        .contains("--no-ocr");

    JsonNode retried = ingest(source, index, "retried", "--retry-failed");
    assertThat(entry(retried).path("outcome").asText()).isEqualTo("INDEXED");
    assertThat(entry(retried).path("extraction").asText()).isIn("full", "partial");
    // Its words are found now: the title on its cover, read from the scan.
    Cli.Result found =
        Cli.run("search", "--index", index.toString(), "--mode", "keyword", "maternity");
    assertThat(found.out()).as(found.err()).contains("drivers:better-births");
  }

  private static JsonNode ingest(Path source, Path index, String name, String... more)
      throws Exception {
    Path report = index.resolveSibling(name + ".json");
    String[] args = {
      "ingest",
      "--no-semantic",
      source.toString(),
      "--index",
      index.toString(),
      "--no-fetch",
      "--report",
      report.toString()
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    Cli.Result r = Cli.run(all);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(report.toFile());
  }

  private static JsonNode entry(JsonNode report) {
    for (JsonNode e : report.path("entries")) {
      if (e.path("id").asText().equals("drivers:better-births")) {
        return e;
      }
    }
    throw new AssertionError("no entry for drivers:better-births in " + report);
  }
}
