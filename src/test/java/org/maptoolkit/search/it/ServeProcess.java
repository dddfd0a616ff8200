package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Fixtures;
import org.maptoolkit.search.cli.Main;

/** The real {@code serve} in a JVM of its own, on an index of one ingested driver page. */
final class ServeProcess {
  private ServeProcess() {}

  /** Ingests one driver page (no embedding) into {@code dir/index}; returns the index. */
  static Path ingestedFixture(Path dir) throws IOException {
    Path site = dir.resolve("site");
    Path index = dir.resolve("index");
    Fixtures.write(
        site.resolve("drivers/a.html"),
        Fixtures.driver(
            "Osprey plan", "NHS England", "All", "2021", "https://example.org", "About ospreys."));
    assertThat(
            Cli.run("ingest", "--no-semantic", site.toString(), "--index", index.toString()).exit())
        .isZero();
    return index;
  }

  /**
   * Starts {@code serve} on {@code index} on a free loopback port, with {@code classPath}, in
   * {@code workDir}, its output and errors merged; {@code options} are added to the command.
   */
  static Process start(Path index, String classPath, Path workDir, String... options)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                classPath,
                Main.class.getName(),
                "serve",
                "--index",
                index.toString(),
                "--port",
                "0",
                "--host",
                "127.0.0.1"));
    command.addAll(List.of(options));
    return new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .start();
  }
}
