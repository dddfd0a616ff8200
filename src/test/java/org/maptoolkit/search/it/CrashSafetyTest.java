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
                "--no-semantic",
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

    int exit = Main.run("ingest", "--no-semantic", jsonl.toString(), "--index", index.toString());

    assertThat(exit).isZero();
    try (IndexStore store = IndexStore.open(index)) {
      assertThat(store.stats().documents()).isEqualTo(DOCS);
    }
  }

  @Test
  void sigkillOfAServerDuringItsAdminIngestLeavesTheLastCommitSearchable() throws Exception {
    Path jsonl = corpus(dir.resolve("bulk.jsonl"));
    Path seed = dir.resolve("seed.jsonl");
    Files.write(seed, Files.readAllLines(jsonl).subList(0, 100));
    Path index = dir.resolve("index");
    assertThat(Main.run("ingest", "--no-semantic", seed.toString(), "--index", index.toString()))
        .isZero();
    String token = "crash-test-admin-token-0123456789";
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--no-semantic",
                "--index",
                index.toString(),
                "--source",
                jsonl.toString(),
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--commit-seconds",
                "1")
            .redirectErrorStream(true);
    builder.environment().put("MAP_SEARCH_ADMIN_TOKEN", token);
    Process serve = builder.start();
    java.io.BufferedReader out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                serve.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
    String port = null;
    String line;
    while ((line = out.readLine()) != null) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("serving http://127.0.0.1:(\\d+)/").matcher(line);
      if (m.find()) {
        port = m.group(1);
        break;
      }
    }
    assertThat(port).as("serve started").isNotNull();
    Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> {}));
    java.net.http.HttpResponse<String> started =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/admin/ingest"))
                    .header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).isEqualTo(202);
    int seen = waitForCommitAbove(index, serve, 100);
    serve.destroyForcibly();
    serve.waitFor();
    System.out.printf(
        "killed the server mid-ingest with %d of %d documents committed%n", seen, DOCS);

    try (Directory directory = FSDirectory.open(index);
        CheckIndex check = new CheckIndex(directory)) {
      assertThat(check.checkIndex().clean).isTrue();
    }
    try (IndexStore store = IndexStore.open(index)) {
      assertThat(store.stats().documents()).isBetween((long) seen, (long) DOCS - 1);
    }
    assertThat(Main.run("ingest", "--no-semantic", jsonl.toString(), "--index", index.toString()))
        .isZero();
    try (IndexStore store = IndexStore.open(index)) {
      assertThat(store.stats().documents()).isEqualTo(DOCS);
    }
  }

  /** Polls until a commit holds more than {@code floor} documents; returns how many. */
  private static int waitForCommitAbove(Path index, Process owner, int floor) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!owner.isAlive()) {
        throw new AssertionError("the server ended before it could be killed");
      }
      try (Directory directory = FSDirectory.open(index);
          DirectoryReader reader = DirectoryReader.open(directory)) {
        if (reader.numDocs() > floor) {
          return reader.numDocs();
        }
      } catch (IOException e) {
        // A commit in progress; look again.
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no new commit within two minutes");
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
