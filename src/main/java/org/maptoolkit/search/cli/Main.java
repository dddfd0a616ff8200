package org.maptoolkit.search.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code map-search} command line: serve, ingest, search. */
@Command(
    name = "map-search",
    mixinStandardHelpOptions = true,
    version = "MAP Search 0.1.0",
    description = "Full-text search for the MAP Toolkit.",
    subcommands = {
      ServeCommand.class,
      IngestCommand.class,
      SearchCommand.class,
      BenchCommand.class,
      EvalCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Lucene announces its vector support through java.util.logging at INFO; users need not see it.
    java.util.logging.Logger.getLogger("org.apache.lucene")
        .setLevel(java.util.logging.Level.WARNING);
    System.exit(run(args));
  }

  /** Runs a command and returns its exit code (for tests that run the CLI in process). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("map-search: " + e.getMessage());
          return 1;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
