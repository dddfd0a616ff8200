package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options from a configuration file: used, overridden by flags, and checked at start-up. */
class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void valuesComeFromTheFileAndFlagsWin() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("map-search.properties"),
            "index=" + dir.resolve("from-file") + "\nthreads=1\n");

    assertThat(Main.run("--config", config.toString(), "ingest", "samples", "--no-fetch")).isZero();
    assertThat(dir.resolve("from-file")).isDirectory();

    assertThat(
            Main.run(
                "--config",
                config.toString(),
                "ingest",
                "samples",
                "--no-fetch",
                "--index",
                dir.resolve("from-flag").toString()))
        .isZero();
    assertThat(dir.resolve("from-flag")).isDirectory();
  }

  @Test
  void anUnknownKeyOrAMissingFileIsAClearError() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.properties"), "colour=blue\n");
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int unknown;
    int missing;
    try {
      unknown = Main.run("--config", config.toString(), "search", "plan");
      missing = Main.run("--config", dir.resolve("nope.properties").toString(), "search", "plan");
    } finally {
      System.setErr(original);
    }

    assertThat(unknown).isEqualTo(2);
    assertThat(missing).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("map-search: unknown key 'colour' in " + config)
        .contains(
            "map-search: cannot read the configuration file " + dir.resolve("nope.properties"));
  }
}
