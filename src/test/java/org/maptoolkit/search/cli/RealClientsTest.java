package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Project;

/**
 * Third-party clients read what the real {@code serve} command sends: citation-js parses RIS and
 * BibTeX with non-Latin titles, Python's feedparser the Atom feed, Python's own JSON decoder the
 * OpenSearch suggestions, and promtool the metrics after the first-start ingest. A client's
 * complaint is a failure. The clients live in {@code src/test/clients} (see its README).
 */
class RealClientsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Path CLIENTS = Project.dir().resolve("src/test/clients");

  @TempDir static Path dir;
  static Thread serving;
  static String base;

  /** Runs the real {@code serve} on the five non-Latin pages until the class is done. */
  @BeforeAll
  static void serve() throws Exception {
    // serve ingests its source itself when the index is empty: that first ingest must be counted.
    Path source = dir.resolve("source");
    ScriptsIndex.writePages(source);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    serving =
        new Thread(
            () ->
                Main.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "serve",
                    "--no-semantic",
                    "--port",
                    "0",
                    "--host",
                    "127.0.0.1",
                    "--index",
                    dir.resolve("served-index").toString(),
                    "--source",
                    source.toString()),
            "serve");
    serving.setDaemon(true);
    serving.start();
    Pattern started = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)/");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (base == null) {
      Matcher m = started.matcher(out.toString());
      if (m.find()) {
        base = m.group(1);
      } else if (!serving.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("serve did not start:\n" + out + "\n" + err);
      } else {
        Thread.sleep(50);
      }
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (serving != null) {
      serving.interrupt();
      serving.join(10_000);
    }
  }

  static byte[] get(String path) throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  /** What a client printed and how it ended. */
  record Run(int exit, String out, String err) {}

  static Run run(byte[] input, String... command) throws Exception {
    Path in = Files.createTempFile(dir, "input", ".bin");
    Files.write(in, input);
    List<String> args = new ArrayList<>(List.of(command));
    args.add(in.toString());
    Path errFile = Files.createTempFile(dir, "stderr", ".txt");
    Process p =
        new ProcessBuilder(args)
            .directory(CLIENTS.toFile())
            .redirectError(errFile.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Run(p.exitValue(), out, Files.readString(errFile));
  }

  static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static void requireNodeClients() {
    Project.require(
        works("node", "-e", "process.exit(0)")
            && Files.isDirectory(CLIENTS.resolve("node_modules/@citation-js/core")),
        "Node.js >= 20.19 and `npm ci` in src/test/clients are needed for citation-js");
  }

  /** Titles citation-js read, checked against what was indexed, letter for letter. */
  static Set<String> titles(JsonNode parsed) {
    Set<String> titles = new HashSet<>();
    parsed.get("items").forEach(i -> titles.add(i.get("title").asText()));
    return titles;
  }

  @Test
  void citationJsReadsRisWithEveryLetter() throws Exception {
    requireNodeClients();
    Run ris =
        run(get("/api/search?q=library&format=ris"), "node", CLIENTS + "/citation.mjs", "ris");
    assertThat(ris.exit()).as(ris.err()).isZero();
    JsonNode parsed = JSON.readTree(ris.out());
    assertThat(parsed.get("warnings")).as(ris.out()).isEmpty();
    assertThat(parsed.get("input").get("validUtf8").asBoolean()).isTrue();
    assertThat(titles(parsed)).containsExactlyInAnyOrderElementsOf(ScriptsIndex.TITLES.values());
  }

  @Test
  void citationJsReadsBibtexStrictlyWithEveryLetter() throws Exception {
    requireNodeClients();
    byte[] bibtex = get("/api/search?q=library&format=bibtex");
    Run lenient = run(bibtex, "node", CLIENTS + "/citation.mjs", "bibtex");
    assertThat(lenient.exit()).as(lenient.err()).isZero();
    JsonNode parsed = JSON.readTree(lenient.out());
    assertThat(parsed.get("warnings")).as(lenient.out()).isEmpty();
    assertThat(titles(parsed)).containsExactlyInAnyOrderElementsOf(ScriptsIndex.TITLES.values());
    // Strict: every entry of a standard type with its required fields (a driver with a known
    // publisher is a @techreport; plugin-bibtex's strict list has no @misc, so only these pass).
    Run strict = run(bibtex, "node", CLIENTS + "/citation.mjs", "bibtex", "--strict");
    assertThat(strict.exit()).as(strict.err() + strict.out()).isZero();
  }

  @Test
  void citationJsReadsAnExportOfChosenRecords() throws Exception {
    requireNodeClients();
    Run ris =
        run(
            get("/api/export?ids=drivers:greek&ids=drivers:korean&format=ris"),
            "node",
            CLIENTS + "/citation.mjs",
            "ris");
    assertThat(ris.exit()).as(ris.err()).isZero();
    assertThat(titles(JSON.readTree(ris.out())))
        .containsExactlyInAnyOrder(
            ScriptsIndex.TITLES.get("greek"), ScriptsIndex.TITLES.get("korean"));
  }

  static void requireFeedparser() {
    Project.require(
        works("/usr/bin/python3", "-c", "import feedparser"),
        "Python's feedparser is needed (apt-get install python3-feedparser)");
  }

  @Test
  void feedparserReadsTheAtomFeedCleanly() throws Exception {
    requireFeedparser();
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/search?q=library&format=atom")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    Run feed =
        run(
            r.body(),
            "/usr/bin/python3",
            CLIENTS + "/feed.py",
            "--content-type",
            r.headers().firstValue("Content-Type").orElseThrow());
    assertThat(feed.exit()).as(feed.err()).isZero();
    JsonNode parsed = JSON.readTree(feed.out());
    assertThat(parsed.get("bozo").asBoolean()).as(feed.out()).isFalse();
    assertThat(parsed.get("version").asText()).isEqualTo("atom10");
    assertThat(parsed.get("encoding").asText()).isEqualToIgnoringCase("utf-8");
    // The feed's date is its newest entry's (5 March 2024), as feedparser reads it.
    assertThat(parsed.get("feed").get("updated_parsed").asText()).startsWith("2024-03-05");
    Set<String> titles = new HashSet<>();
    for (JsonNode e : parsed.get("entries")) {
      titles.add(e.get("title").asText());
      assertThat(e.get("updated_parsed").isNull()).as(e.toString()).isFalse();
      assertThat(e.get("link").asText()).startsWith(base + "/documents/");
    }
    assertThat(titles).containsExactlyInAnyOrderElementsOf(ScriptsIndex.TITLES.values());
  }

  @Test
  void pythonDecodesTheSuggestionsAsUtf8() throws Exception {
    requireFeedparser();
    String query = "Библ";
    byte[] body =
        get(
            "/api/suggest?format=opensearch&q="
                + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8));
    Run suggest = run(body, "/usr/bin/python3", CLIENTS + "/feed.py", "--suggest");
    assertThat(suggest.exit()).as(suggest.err()).isZero();
    assertThat(suggest.err()).isEmpty();
    JsonNode value = JSON.readTree(suggest.out());
    assertThat(value.get(0).asText()).isEqualTo(query);
    assertThat(value.get(1).toString()).contains("библиотечные");
  }

  @Test
  void promtoolAcceptsTheMetricsIncludingTheFirstIngest() throws Exception {
    Project.require(
        works("promtool", "--version"), "promtool is needed (apt-get install prometheus)");
    get("/api/search?q=library");
    byte[] metrics = get("/metrics");
    Run check = run(metrics, CLIENTS + "/promtool.sh");
    assertThat(check.exit()).as(check.out() + check.err()).isZero();
    // The five records serve ingested on first start are counted, as the README says.
    assertThat(new String(metrics, StandardCharsets.UTF_8))
        .contains("map_search_ingest_items_total{outcome=\"indexed\"} 5.0");
  }
}
