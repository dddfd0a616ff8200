package org.maptoolkit.search;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
