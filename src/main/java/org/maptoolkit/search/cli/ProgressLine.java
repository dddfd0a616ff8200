package org.maptoolkit.search.cli;

import java.io.PrintWriter;
import org.maptoolkit.search.ingest.Ingester;

/**
 * Prints ingest progress (done/total, docs/s, ETA) on one rewritten line, or every 10% when piped.
 */
final class ProgressLine implements Ingester.Progress {
  private final PrintWriter out;
  // A terminal gets one rewritten line; a pipe or file gets a line every 10%.
  private final boolean console = isTerminal();
  private final long start = System.nanoTime();
  private int lastDecile = -1;

  ProgressLine(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void update(int done, int total) {
    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    double rate = done / seconds;
    long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    String line = String.format("  %d/%d  %.1f docs/s  ETA %ds", done, total, rate, eta);
    if (console) {
      out.print("\r" + line + (done == total ? "\n" : ""));
    } else {
      int decile = total == 0 ? 10 : done * 10 / total;
      if (decile != lastDecile) {
        lastDecile = decile;
        out.println(line);
      }
    }
    out.flush();
  }

  /**
   * Whether output goes to a terminal. From JDK 22 {@code System.console()} is never null, so its
   * {@code isTerminal()} decides; it is called by name because the code is built for release 21.
   */
  @SuppressWarnings("SystemConsoleNull") // null is still how JDK 21 says "no terminal"
  private static boolean isTerminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
