package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether scanned pages and images are read by OCR (Tesseract through Tika), in which languages,
 * and how long one page may take; when Tesseract is absent, why there is no OCR and how to get it.
 *
 * @param languages Tesseract's language list, e.g. {@code eng+fra}; null when OCR is off
 * @param pageSeconds how long Tesseract may take over one page or image
 * @param off why OCR is off (with how to turn it on), or null when it is on
 */
public record OcrSettings(String languages, int pageSeconds, String off) {
  /** Languages read when their Tesseract data is installed, English first. */
  public static final List<String> PREFERRED = List.of("eng", "fra", "deu", "spa", "por", "ita");

  /** OCR that was not asked for. */
  public static final OcrSettings DISABLED = new OcrSettings(null, 0, "OCR is turned off");

  public boolean enabled() {
    return off == null;
  }

  /**
   * OCR with the Tesseract found as {@code command} on this machine, in the preferred languages it
   * has data for; off, with the reason, when it cannot be run.
   */
  public static OcrSettings detect(String command, int pageSeconds) {
    List<String> installed = new ArrayList<>();
    try {
      Process p = new ProcessBuilder(command, "--list-langs").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return unavailable();
      }
      out.lines().map(String::strip).forEach(installed::add);
    } catch (IOException e) {
      return unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable();
    }
    List<String> languages = PREFERRED.stream().filter(installed::contains).toList();
    if (languages.isEmpty()) {
      return new OcrSettings(
          null,
          0,
          "Tesseract has no language data: install tesseract-ocr-eng, then ingest with --retry-failed");
    }
    return new OcrSettings(String.join("+", languages), pageSeconds, null);
  }

  private static OcrSettings unavailable() {
    return new OcrSettings(
        null,
        0,
        "Tesseract is not installed: install tesseract-ocr, then ingest with --retry-failed to read"
            + " scans by OCR");
  }
}
