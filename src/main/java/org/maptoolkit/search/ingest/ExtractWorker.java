package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.Json;

/**
 * The child process of {@link ForkedExtractor}: reads one request a line on stdin ({@code
 * {"path":..,"name":..}}), extracts with Tika, and writes one {@link Extraction} a line as JSON on
 * stdout. Anything a parser prints goes to stderr, so stdout carries only the protocol.
 */
public final class ExtractWorker {
  /** The first line a worker writes once it can take requests. */
  static final String READY = "{\"ready\":true}";

  private ExtractWorker() {}

  public static void main(String[] args) throws Exception {
    int maxChars = Integer.parseInt(args[0]);
    OcrSettings ocr =
        args.length < 4 || args[1].equals("-")
            ? new OcrSettings(null, 0, args.length < 4 ? "OCR is turned off" : args[3])
            : new OcrSettings(args[1], Integer.parseInt(args[2]), null);
    PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    ObjectMapper json = Json.mapper();
    // The parent enforces the real time limit by killing this process; this one only backstops.
    ExtractionLimits limits = new ExtractionLimits(Duration.ofHours(1), maxChars, Long.MAX_VALUE);
    try (TikaExtractor tika = new TikaExtractor(limits, ocr);
        TikaExtractor withoutOcr =
            new TikaExtractor(
                limits,
                new OcrSettings(
                    null, 0, "OCR ran out of memory on this document and was left out"));
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      // Tell the parent the JVM and Tika are up, so start-up time is not counted against a
      // document's time limit.
      protocol.println(READY);
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode request = json.readTree(line);
        TikaExtractor extractor = request.path("ocr").asBoolean(true) ? tika : withoutOcr;
        Extraction result =
            extractor.extract(Path.of(request.get("path").asText()), request.get("name").asText());
        protocol.println(json.writeValueAsString(result));
      }
    }
  }
}
