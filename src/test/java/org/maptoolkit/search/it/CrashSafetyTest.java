package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.cli.Main;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchService;

/**
 * Kills a real ingest process with SIGKILL part-way: the last commit must be intact and searchable,
 * and the next run must complete the work.
 */
class CrashSafetyTest {
  private static final int DOCS = 60_000;

  @TempDir Path dir;

  @Test
  void sigkillDuringIngestLeavesTheLastCommitSearchableAndTheNextRunCompletes() throws Exception {
    Path jsonl = corpus(dir.resolve("bulk.jsonl"));
    Path index = dir.resolve("index");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process ingest =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "ingest",
                jsonl.toString(),
                "--index",
                index.toString(),
                "--commit-seconds",
                "1")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("ingest.log").toFile())
            .start();
    int seenBeforeKill = waitForFirstCommit(index, ingest);
    ingest.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no rollback.
    ingest.waitFor();
    System.out.printf(
        "killed the ingest with %d of %d documents committed%n", seenBeforeKill, DOCS);

    assertThat(seenBeforeKill).isBetween(1, DOCS - 1);
    try (Directory directory = FSDirectory.open(index);
        CheckIndex check = new CheckIndex(directory)) {
      assertThat(check.checkIndex().clean).isTrue();
    }
    try (IndexStore store = IndexStore.open(index)) {
      long committed = store.stats().documents();
      assertThat(committed).isGreaterThanOrEqualTo(seenBeforeKill);
      long hits =
          new SearchService(store, Analysis.queryAnalyzer(List.of()))
              .search(SearchRequest.of("library"))
              .total();
      assertThat(hits).isPositive();
    }

    int exit = Main.run("ingest", jsonl.toString(), "--index", index.toString());

    assertThat(exit).isZero();
    try (IndexStore store = IndexStore.open(index)) {
      assertThat(store.stats().documents()).isEqualTo(DOCS);
    }
  }

  /** Polls the index folder until a commit with documents appears; returns how many. */
  private static int waitForFirstCommit(Path index, Process ingest) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!ingest.isAlive()) {
        throw new AssertionError("the ingest ended before it could be killed");
      }
      if (Files.isDirectory(index)) {
        try (Directory directory = FSDirectory.open(index)) {
          if (DirectoryReader.indexExists(directory)) {
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
              if (reader.numDocs() > 0) {
                return reader.numDocs();
              }
            }
          }
        } catch (IOException e) {
          // A commit in progress; look again.
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no commit with documents within two minutes");
  }

  private static Path corpus(Path file) throws IOException {
    String[] words =
        ("health care library knowledge evidence workforce plan digital patient safety nurse"
                + " training data primary integrated system board policy review framework")
            .split(" ");
    Random random = new Random(42);
    try (Writer out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < DOCS; i++) {
        List<String> text = new ArrayList<>();
        for (int w = 0; w < 60; w++) {
          text.add(words[random.nextInt(words.length)]);
        }
        out.write(
            "{\"_id\":\"d%d\",\"title\":\"%s\",\"text\":\"%s\"}\n"
                .formatted(i, String.join(" ", text.subList(0, 6)), String.join(" ", text)));
      }
    }
    return file;
  }
}
