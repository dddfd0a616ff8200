package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Fixtures;
import org.maptoolkit.search.cli.Main;

/**
 * A missing, corrupt, locked or unusable index gives a clear message and a non-zero exit, or a
 * rebuild from the sources when asked; never a silently empty service.
 */
class IndexFaultsTest {
  @TempDir Path dir;
  Path site;
  Path index;

  @BeforeEach
  void site() throws Exception {
    site = dir.resolve("site");
    index = dir.resolve("index");
    Fixtures.write(
        site.resolve("drivers/a.html"),
        Fixtures.driver(
            "Osprey plan", "NHS England", "All", "2021", "https://example.org", "About ospreys."));
  }

  /** Runs the CLI in process and returns its exit code and what it wrote to stderr. */
  private record Run(int exit, String err) {}

  private static Run cli(String... args) {
    Cli.Result run = Cli.run(args);
    return new Run(run.exit(), run.err());
  }

  @Test
  void aCorruptIndexIsRefusedClearlyAndRebuiltWhenAsked() throws Exception {
    assertThat(
            cli(
                    "ingest",
                    "--no-semantic",
                    site.toString(),
                    "--index",
                    index.toString(),
                    "--no-fetch")
                .exit())
        .isZero();
    try (Stream<Path> files = Files.list(index)) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
        Files.write(f, "not a segments file".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }

    Run refused =
        cli(
            "serve",
            "--no-semantic",
            "--index",
            index.toString(),
            "--source",
            site.toString(),
            "--port",
            "0");

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("cannot open the index in " + index).contains("--rebuild");

    Process serve =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--no-semantic",
                "--rebuild",
                "--index",
                index.toString(),
                "--source",
                site.toString(),
                "--port",
                "0",
                "--host",
                "127.0.0.1")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(
                serve.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      Matcher serving = null;
      while ((line = out.readLine()) != null) {
        Matcher m =
            Pattern.compile("serving http://127.0.0.1:(\\d+)/ with (\\d+) documents").matcher(line);
        if (m.find()) {
          serving = m;
          break;
        }
      }
      assertThat(serving).as("serve printed where it serves").isNotNull();
      assertThat(serving.group(2)).isEqualTo("1");
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + serving.group(1) + "/api/search?q=osprey"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).contains("\"total\":1");
    } finally {
      serve.destroy();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anIngestWhileAnotherProcessHoldsTheWriteLockFailsClearly() throws Exception {
    Files.createDirectories(index);
    try (Directory directory = FSDirectory.open(index);
        IndexWriter other =
            new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
      other.commit();

      Run run =
          cli(
              "ingest",
              "--no-semantic",
              site.toString(),
              "--index",
              index.toString(),
              "--no-fetch");

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("is being written by another process");
    }
  }

  @Test
  void anIndexPathThatIsAFileIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

    Run run =
        cli(
            "serve",
            "--no-semantic",
            "--index",
            file.toString(),
            "--source",
            site.toString(),
            "--port",
            "0");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("cannot create the index folder " + file);
  }

  @Test
  void anEmptyIndexWithoutItsSourceIsNotServedSilently() {
    Run run =
        cli(
            "serve",
            "--no-semantic",
            "--index",
            index.toString(),
            "--source",
            dir.resolve("missing").toString(),
            "--port",
            "0");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("is empty and the source folder").contains("missing");
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    Run run = cli("serve", "--no-semantic", "--no-such-option");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--no-such-option'");
  }
}
