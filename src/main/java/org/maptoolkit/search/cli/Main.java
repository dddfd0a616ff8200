package org.maptoolkit.search.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code map-search} command line: serve, ingest, search. */
@Command(
    name = "map-search",
    mixinStandardHelpOptions = true,
    version = "MAP Search 0.1.0",
    description = {
      "Full-text search for the MAP Toolkit.",
      "Options can also come from a properties file: --config FILE (or MAP_SEARCH_CONFIG), with"
          + " keys named like the options (port=8080, index=/data/index, rate-limit=300,"
          + " cors-origin=https://a.example,https://b.example). Command-line flags win over the"
          + " file, and the file over environment variables."
    },
    subcommands = {
      ServeCommand.class,
      IngestCommand.class,
      SearchCommand.class,
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
    List<String> rest = new ArrayList<>(List.of(args));
    String configFile = takeConfig(rest);
    if (configFile != null) {
      try {
        cli.setDefaultValueProvider(ConfigFile.load(Path.of(configFile), cli));
      } catch (IllegalArgumentException e) {
        cli.getErr().println("map-search: " + e.getMessage());
        return 2;
      }
    }
    args = rest.toArray(String[]::new);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("map-search: " + e.getMessage());
          return 1;
        });
    return cli.execute(args);
  }

  /**
   * Removes {@code --config FILE} (anywhere on the line) and returns FILE; falls back to the {@code
   * MAP_SEARCH_CONFIG} environment variable.
   */
  private static String takeConfig(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--config") && i + 1 < args.size()) {
        args.remove(i);
        return args.remove(i);
      }
      if (a.startsWith("--config=")) {
        args.remove(i);
        return a.substring("--config=".length());
      }
    }
    String env = System.getenv("MAP_SEARCH_CONFIG");
    return env == null || env.isBlank() ? null : env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
