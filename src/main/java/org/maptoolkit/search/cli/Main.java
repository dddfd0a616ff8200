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
    version = "MAP Search " + org.maptoolkit.search.ingest.UserAgent.VERSION,
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

  /**
   * Held for the life of the JVM: java.util.logging keeps loggers weakly, and a collected logger
   * forgets the level set on it.
   */
  private static final java.util.logging.Logger LUCENE =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  private static final java.util.logging.Logger LUCENE_VECTORS =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  public static void main(String[] args) {
    // Lucene announces its vector support through java.util.logging at INFO; users need not see it.
    LUCENE.setLevel(java.util.logging.Level.WARNING);
    if (!vectorApi()) {
      // Without the module Lucene runs its scalar code and says so in two lines on every start;
      // `serve` says it once in its own words instead (the launcher and the image add the module).
      LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
    }
    System.exit(run(args));
  }

  /** Whether the JVM was started with Lucene's faster vector code available. */
  static boolean vectorApi() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** Runs a command on the process's standard streams and returns its exit code. */
  public static int run(String... args) {
    return run(
        new java.io.PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8),
        new java.io.PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8),
        args);
  }

  /**
   * Runs a command writing to {@code out} and {@code err}, and returns its exit code: tests run the
   * CLI in process this way, each with its own streams.
   */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
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
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
