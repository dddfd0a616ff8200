package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Project;

/** Options from a configuration file: used, overridden by flags, and checked at start-up. */
class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void valuesComeFromTheFileAndFlagsWin() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("map-search.properties"),
            "index=" + dir.resolve("from-file") + "\nthreads=1\n");

    assertThat(
            Main.run(
                "--config",
                config.toString(),
                "ingest",
                "--no-semantic",
                Project.samples().toString(),
                "--no-fetch"))
        .isZero();
    assertThat(dir.resolve("from-file")).isDirectory();

    assertThat(
            Main.run(
                "--config",
                config.toString(),
                "ingest",
                "--no-semantic",
                Project.samples().toString(),
                "--no-fetch",
                "--index",
                dir.resolve("from-flag").toString()))
        .isZero();
    assertThat(dir.resolve("from-flag")).isDirectory();
  }

  @Test
  void anUnknownKeyOrAMissingFileIsAClearError() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.properties"), "colour=blue\n");
    Cli.Result unknown = Cli.run("--config", config.toString(), "search", "plan");
    Cli.Result missing =
        Cli.run("--config", dir.resolve("nope.properties").toString(), "search", "plan");

    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(unknown.err() + missing.err())
        .contains("map-search: unknown key 'colour' in " + config)
        .contains(
            "map-search: cannot read the configuration file " + dir.resolve("nope.properties"));
  }
}
