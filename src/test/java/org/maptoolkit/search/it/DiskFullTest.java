package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.cli.Main;
import org.maptoolkit.search.index.IndexStore;

/**
 * A disk that fills during an ingest: a clear message and a non-zero exit, and the last commit
 * intact. Uses a real 4 MB tmpfs, so it needs root (CI runs as root); elsewhere it is skipped.
 */
class DiskFullTest {
  @TempDir Path dir;

  @Test
  void aFullDiskStopsTheIngestClearlyAndKeepsTheLastCommit() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", small.toString())
            .redirectErrorStream(true)
            .start();
    boolean mounted = mount.waitFor() == 0;
    assumeTrue(
        mounted,
        "cannot mount a small filesystem here (needs root): the disk-full test is skipped");
    try {
      Path index = small.resolve("index");
      Path seed = dir.resolve("seed.jsonl");
      Path big = dir.resolve("big.jsonl");
      write(seed, 100);
      write(big, 40_000);
      assertThat(Main.run("ingest", "--no-semantic", seed.toString(), "--index", index.toString()))
          .isZero();

      PrintStream original = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit;
      try {
        exit =
            Main.run(
                "ingest",
                "--no-semantic",
                big.toString(),
                "--index",
                index.toString(),
                "--commit-seconds",
                "3600");
      } finally {
        System.setErr(original);
      }
      System.out.println(
          "disk full: "
              + err.toString(StandardCharsets.UTF_8)
                  .lines()
                  .filter(l -> l.startsWith("map-search:"))
                  .findFirst()
                  .orElse(""));

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("map-search: cannot write the index in " + index)
          .contains("No space left on device");
      try (Directory directory = FSDirectory.open(index);
          CheckIndex check = new CheckIndex(directory)) {
        assertThat(check.checkIndex().clean).isTrue();
      }
      try (IndexStore store = IndexStore.open(index)) {
        assertThat(store.stats().documents()).isEqualTo(100);
      }
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor();
    }
  }

  private static void write(Path file, int docs) throws Exception {
    Random random = new Random(7);
    try (Writer out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < docs; i++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 80; w++) {
          text.append("w").append(random.nextInt(50_000)).append(' ');
        }
        out.write(
            "{\"_id\":\"d" + i + "\",\"title\":\"Doc " + i + "\",\"text\":\"" + text + "\"}\n");
      }
    }
  }
}
