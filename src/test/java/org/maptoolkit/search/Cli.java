package org.maptoolkit.search;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.maptoolkit.search.cli.Main;

/** Runs the command line in process with its own output streams, as a user would run it. */
public final class Cli {
  private Cli() {}

  /** What a run printed and how it ended. */
  public record Result(int exit, String out, String err) {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit;
    try (PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true)) {
      exit = Main.run(o, e, args);
    }
    return new Result(exit, out.toString(), err.toString());
  }

  /**
   * {@code samples/} ingested into {@code index} by the real {@code ingest} command, keyword only,
   * without fetching linked documents or OCR (facts that do not depend on this machine's tools).
   */
  public static Path ingestSamples(Path index) {
    return ingest(index, Project.samples().toString(), "--no-semantic", "--no-fetch", "--no-ocr");
  }

  /**
   * SciFact's corpus ({@code ../shared/evaldata/scifact}) ingested into {@code index}, keyword
   * only.
   */
  public static Path ingestSciFact(Path index) {
    return ingest(
        index,
        Project.shared("evaldata/scifact").resolve("corpus.jsonl").toString(),
        "--no-semantic");
  }

  private static Path ingest(Path index, String source, String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "ingest";
    args[1] = source;
    args[2] = "--index";
    args[3] = index.toString();
    System.arraycopy(options, 0, args, 4, options.length);
    Result run = run(args);
    if (run.exit() != 0) {
      throw new AssertionError("ingest " + source + " exited " + run.exit() + ": " + run.err());
    }
    return index;
  }
}
