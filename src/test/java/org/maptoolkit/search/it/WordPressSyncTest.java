package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Fixtures;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.cli.Main;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;

/**
 * MAP Search follows a real WordPress (Debian's, on loopback) through its REST API: `ingest URL`
 * indexes published posts, pages and a custom type with our fields and facets, and its main
 * document; later runs download only what changed (conditionally, when the site gives ETags) and
 * remove what was trashed, unpublished, made private or password-protected; a site that fails (500,
 * 429, malformed answers, a closed port, a failed read of content) leaves the index as it was; and
 * `serve --sync-url` picks up a new post on its own.
 */
class WordPressSyncTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static LoopbackWordPress wp;
  static long drivers;
  static long news;
  static long meetings;

  @BeforeAll
  static void startWordPress() throws Exception {
    long t = System.nanoTime();
    wp = LoopbackWordPress.up(dir.resolve("wp"));
    System.out.printf("WordPress up in %.1f s%n", (System.nanoTime() - t) / 1e9);
    // WordPress's own sample post and page are not the toolkit's.
    for (long id : wp.all("posts")) {
      wp.delete("posts", id);
    }
    for (long id : wp.all("pages")) {
      wp.delete("pages", id);
    }
    drivers = wp.category("Drivers");
    news = wp.category("News");
    meetings = wp.category("Meetings");
  }

  @AfterAll
  static void stopWordPress() throws Exception {
    if (wp != null) {
      wp.close();
    }
  }

  @Test
  void ingestFollowsTheSite() throws Exception {
    Path index = dir.resolve("index");
    Path report = dir.resolve("report.json");
    long newsPost =
        post("posts", "Library week", "<p>Our MARRAMGRASS campaign reached every ward.</p>", news);
    long page =
        wp.create(
            "pages",
            Map.of(
                "title",
                "About the toolkit",
                "content",
                "<p>The SANDPIPER group keeps the toolkit.</p>",
                "status",
                "publish"));
    String pdf =
        wp.upload(
            "workforce-plan.pdf",
            Fixtures.pdf(List.of("Introduction", "Tidal QUOKKA workforce modelling")),
            "application/pdf");
    long driver =
        wp.create(
            "drivers",
            Map.of(
                "title",
                "NHS Long Term Workforce Plan",
                "content",
                driverContent(pdf, "A plan to train, retain and reform the NHS workforce."),
                "status",
                "publish",
                "categories",
                List.of(drivers)));
    long meeting =
        wp.create(
            "posts",
            Map.of(
                "title",
                "Meeting 22nd March 2017",
                "content",
                "<p>Dial-in code PLOVERTON 123 456</p>",
                "status",
                "publish",
                "password",
                "secret",
                "categories",
                List.of(meetings)));
    long draft = wp.create("posts", draftOrPrivate("draft", "WHIMBREL"));
    long privatePost = wp.create("posts", draftOrPrivate("private", "GODWIT"));
    long toTrash = post("posts", "Old news", "<p>The QUILLSBY service closed.</p>", news);
    long toPrivate = post("posts", "Internal", "<p>The FERNWICK rota.</p>", news);
    long toDraft = post("posts", "Withdrawn", "<p>The BRAMBLEFORD pilot.</p>", news);

    // First run: every published item is read; nothing protected or unpublished is indexed.
    settle();
    Cli.Result first = ingest(index, "--report", report.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(ids("MARRAMGRASS", index)).containsExactly("wp:post:" + newsPost);
    assertThat(ids("SANDPIPER", index)).containsExactly("wp:page:" + page);
    // Words only inside the driver's PDF, fetched from the site's uploads.
    assertThat(ids("QUOKKA", index)).containsExactly("wp:driver:" + driver);
    for (String secret : List.of("PLOVERTON", "WHIMBREL", "GODWIT")) {
      assertThat(ids(secret, index)).as(secret).isEmpty();
    }
    JsonNode entries = JSON.readTree(report.toFile()).get("entries");
    assertThat(outcome(entries, "wp:post:" + meeting)).isEqualTo("SKIPPED password-protected post");
    assertThat(outcome(entries, "wp:post:" + draft)).isNull();
    assertThat(outcome(entries, "wp:post:" + privatePost)).isNull();

    MapDocument plan = document(index, "wp:driver:" + driver);
    assertThat(plan.type().value()).isEqualTo("driver");
    assertThat(plan.title()).isEqualTo("NHS Long Term Workforce Plan");
    assertThat(plan.source()).isEqualTo("Health Education England");
    assertThat(plan.sourceText()).isEqualTo("Health Education England (HEE)");
    assertThat(plan.audiences()).contains("Executives and senior managers");
    assertThat(plan.published().iso()).isEqualTo("2023-06-30");
    assertThat(plan.reviewDue().iso()).isEqualTo("2025-01");
    assertThat(plan.summary()).isEqualTo("A plan to train, retain and reform the NHS workforce.");
    assertThat(plan.origin()).isEqualTo(wp.restUrl("drivers", driver));
    assertThat(plan.url()).isEqualTo(wp.home() + "drivers/nhs-long-term-workforce-plan/");
    assertThat(plan.mainDocument().extraction().status().value()).isEqualTo("full");
    SearchResult faceted =
        search(
            index,
            new SearchRequest(
                "",
                Map.of("source", List.of("Health Education England"), "type", List.of("driver")),
                SearchRequest.Sort.RELEVANCE,
                1,
                10));
    assertThat(faceted.hits()).extracting(SearchResult.Hit::id).containsExactly(plan.id());
    // MAP Search asked as the public does (the test's own requests carry the application
    // password), said who it is, and asked only for published items.
    List<JsonNode> asked = mapSearch(wp.requests());
    assertThat(asked)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("userAgent").asText()).startsWith("MAP-Search/0.1.0 (+"));
    assertThat(asked)
        .filteredOn(r -> r.get("uri").asText().contains("/wp/v2/posts?"))
        .allSatisfy(r -> assertThat(r.get("uri").asText()).contains("status=publish"));

    // An edit changes the text and the snippet; protected, trashed, made private or back to
    // draft, a record goes.
    wp.update(
        "posts",
        newsPost,
        Map.of("content", "<p>Our TURNSTONE campaign reached every ward and clinic.</p>"));
    wp.update("pages", page, Map.of("password", "secret"));
    wp.trash("posts", toTrash);
    wp.update("posts", toPrivate, Map.of("status", "private"));
    wp.update("posts", toDraft, Map.of("status", "draft"));
    // From here the site answers with ETags, as behind a cache.
    wp.etags();
    settle();
    Cli.Result changed = ingest(index, "--report", report.toString());
    assertThat(changed.out()).contains("1 indexed, 1 unchanged, 1 skipped, 0 failed, 4 deleted");
    assertThat(ids("MARRAMGRASS", index)).isEmpty();
    SearchResult turnstone = search(index, SearchRequest.of("turnstone"));
    assertThat(turnstone.hits())
        .extracting(SearchResult.Hit::id)
        .containsExactly("wp:post:" + newsPost);
    assertThat(turnstone.hits().getFirst().snippet().text()).contains("TURNSTONE campaign");
    entries = JSON.readTree(report.toFile()).get("entries");
    assertThat(outcome(entries, "wp:page:" + page)).isEqualTo("DELETED password-protected post");
    for (long gone : List.of(toTrash, toPrivate, toDraft)) {
      assertThat(outcome(entries, "wp:post:" + gone)).isEqualTo("DELETED no longer in the source");
    }
    for (String word : List.of("SANDPIPER", "QUILLSBY", "FERNWICK", "BRAMBLEFORD")) {
      assertThat(ids(word, index)).as(word).isEmpty();
    }
    assertThat(documents(index)).isEqualTo(2);

    // Nothing changed: no post's content is downloaded again. Only the protected post and page,
    // which the index cannot hold, are asked for again (WordPress gives no content for them), and
    // every listing is asked for conditionally: its answer is a 304 without a body.
    int before = wp.requests().size();
    Cli.Result unchanged = ingest(index);
    assertThat(unchanged.exit()).as(unchanged.err()).isZero();
    assertThat(unchanged.out())
        .contains("0 indexed, 2 unchanged, 2 skipped, 0 failed, 0 deleted")
        .contains("0 downloaded in full, 2 known unchanged by their modification time");
    List<JsonNode> thisRun = mapSearch(wp.requests().subList(before, wp.requests().size()));
    assertThat(contentReads(thisRun))
        .containsExactlyInAnyOrder("include=" + meeting, "include=" + page);
    Matcher counts =
        Pattern.compile("(\\d+) requests to the site \\(0 retried, (\\d+) not modified\\)")
            .matcher(unchanged.out());
    assertThat(counts.find()).isTrue();
    assertThat(Integer.parseInt(counts.group(1))).isEqualTo(thisRun.size());
    assertThat(Integer.parseInt(counts.group(2)))
        .isGreaterThanOrEqualTo(thisRun.size() - contentReads(thisRun).size());

    // A new post and an edited one wait on a site that fails: the index stays as it was.
    long later = post("posts", "Later news", "<p>The OYSTERCATCHER project starts.</p>", news);
    wp.update(
        "posts",
        newsPost,
        Map.of("content", "<p>Our TURNSTONE campaign and the STONECHAT team.</p>"));
    for (String[] fault :
        List.of(
            new String[] {"500", "-", "-", "HTTP 500"},
            new String[] {"401", "-", "-", "refuses to show its content to anonymous readers"},
            new String[] {"malformed", "-", "wp/v2/posts", "malformed JSON"})) {
      wp.fault(fault[0], fault[1], fault[2]);
      Cli.Result failed = ingest(index);
      assertThat(failed.exit()).as(fault[0]).isEqualTo(1);
      assertThat(failed.err()).contains(fault[3]).contains("the index is as it was");
      assertUntouched(index, driver);
    }
    wp.fault("429", "1", "-");
    long start = System.nanoTime();
    Cli.Result limited = ingest(index);
    assertThat(limited.exit()).isEqualTo(1);
    assertThat(limited.err()).contains("HTTP 429").contains("tried 4 times");
    // Three waits of the second the site asked for, not the test's 50 ms backoff.
    assertThat((System.nanoTime() - start) / 1e9).isGreaterThanOrEqualTo(3.0);
    assertUntouched(index, driver);
    wp.noFault();
    Cli.Result closed =
        Cli.run(
            "ingest",
            "--no-semantic",
            "http://127.0.0.1:" + closedPort() + "/",
            "--index",
            index.toString(),
            "--site-backoff-ms",
            "50");
    assertThat(closed.exit()).isEqualTo(1);
    assertThat(closed.err()).contains("cannot reach 127.0.0.1").contains("the index is as it was");
    assertUntouched(index, driver);

    // The listing works but content cannot be read: those items fail, their records stay as they
    // were, and nothing is deleted.
    wp.fault("500", "-", "include=");
    Cli.Result partial = ingest(index);
    assertThat(partial.exit()).isZero();
    assertThat(partial.out())
        .contains("0 indexed, 1 unchanged, 0 skipped, 4 failed, 0 deleted")
        .contains("not read from the site (its record is kept as it was)");
    assertUntouched(index, driver);

    wp.noFault();
    Cli.Result recovered = ingest(index);
    assertThat(recovered.out()).contains("2 indexed, 1 unchanged, 2 skipped, 0 failed, 0 deleted");
    assertThat(ids("OYSTERCATCHER", index)).containsExactly("wp:post:" + later);
    assertThat(ids("STONECHAT", index)).containsExactly("wp:post:" + newsPost);
  }

  @Test
  void serveFollowsTheSiteOnItsSchedule() throws Exception {
    Path index = dir.resolve("serve-index");
    String token = "wordpress-sync-admin-token";
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m",
                // A short-lived server: start fast rather than run at full speed.
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--no-semantic",
                "--index",
                index.toString(),
                "--sync-url",
                wp.home(),
                "--sync-seconds",
                "1",
                "--fetch-allow-host",
                "127.0.0.1",
                "--port",
                "0",
                "--host",
                "127.0.0.1")
            .redirectErrorStream(true);
    builder.environment().put("MAP_SEARCH_ADMIN_TOKEN", token);
    long started = System.nanoTime();
    Process serve = builder.start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String base = null;
      List<String> lines = new ArrayList<>();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        Matcher m = Pattern.compile("serving (http://127.0.0.1:\\d+)/").matcher(line);
        if (m.find()) {
          base = m.group(1);
          break;
        }
      }
      assertThat(base).as(String.join("\n", lines)).isNotNull();
      System.out.printf(
          "serve --sync-url synced the site and served in %.1f s%n",
          (System.nanoTime() - started) / 1e9);
      assertThat(lines).anySatisfy(l -> assertThat(l).contains("is empty: syncing " + wp.home()));
      Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> {}));
      HttpClient http = HttpClient.newHttpClient();

      long curlew = post("posts", "Curlew news", "<p>The CURLEW service opens.</p>", news);
      long posted = System.nanoTime();
      awaitTotal(http, base + "/api/search?q=curlew", 1);
      System.out.printf(
          "serve --sync-url found a new post %.1f s after it was published%n",
          (System.nanoTime() - posted) / 1e9);

      wp.trash("posts", curlew);
      awaitTotal(http, base + "/api/search?q=curlew", 0);

      // The status says what the last change was: the trashed post's record removed.
      JsonNode sync = null;
      for (long deadline = System.nanoTime() + 20_000_000_000L;
          System.nanoTime() < deadline;
          Thread.sleep(100)) {
        sync = status(http, base, token).get("sync");
        if (sync.path("lastChange").path("changes").toString().contains("wp:post:" + curlew)) {
          break;
        }
      }
      assertThat(sync.get("lastChange").get("changes"))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.get("id").asText()).isEqualTo("wp:post:" + curlew);
                assertThat(c.get("outcome").asText()).isEqualTo("deleted");
              });
      assertThat(sync.get("lastChange").get("removed").asInt()).isEqualTo(1);
      assertThat(sync.get("url").asText()).isEqualTo(wp.home());
      assertThat(sync.get("everySeconds").asInt()).isEqualTo(1);
      assertThat(sync.get("runs").asInt()).isGreaterThanOrEqualTo(3);
      assertThat(sync.get("failedRuns").asInt()).isZero();
      assertThat(sync.get("lastSuccessAt").isTextual()).isTrue();
      assertThat(sync.get("last").get("result").asText()).isEqualTo("ok");
      String metrics =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(counter(metrics, "map_search_sync_items_total{outcome=\"synced\"}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(counter(metrics, "map_search_sync_items_total{outcome=\"removed\"}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(counter(metrics, "map_search_sync_items_total{outcome=\"failed\"}")).isZero();
      assertThat(counter(metrics, "map_search_sync_runs_total{result=\"failed\"}")).isZero();
      assertThat(counter(metrics, "map_search_sync_last_success_timestamp_seconds")).isPositive();
      promtoolAccepts(metrics);
    } finally {
      serve.destroyForcibly();
      serve.waitFor();
    }
  }

  // --- the site, as an editor changes it

  private static long post(String route, String title, String content, long category)
      throws Exception {
    return wp.create(
        route,
        Map.of(
            "title",
            title,
            "content",
            content,
            "status",
            "publish",
            "categories",
            List.of(category)));
  }

  private static Map<String, Object> draftOrPrivate(String status, String word) {
    return Map.of(
        "title", "Not public", "content", "<p>The " + word + " plan.</p>", "status", status);
  }

  /** A driver as the toolkit writes them: labelled parts in two styles, a PDF as main document. */
  private static String driverContent(String pdf, String summary) {
    return """
        <p><strong>Title of driver:</strong></p>
        <p>NHS Long Term Workforce Plan</p>
        <p><strong>Impact on library policy/practice:</strong></p>
        <ul><li>Support workforce planning teams with evidence searches.</li></ul>
        <p><strong>Publisher:</strong> Health Education England (HEE)</p>
        <p><strong>Link to main document</strong></p>
        <p><a href="%s">NHS Long Term Workforce Plan (PDF)</a></p>
        <p><strong>Date of publication:</strong> 30th June 2023</p>
        <p><strong>Summary of driver:</strong></p>
        <p>%s</p>
        <p><strong>Key features of driver:</strong></p>
        <ul><li>Train more staff.</li><li>Keep the staff we have.</li></ul>
        <p><strong>Audience:</strong> All NHS England organisations, particularly Executives and senior managers</p>
        <p><strong>Due for review:</strong> January 2025</p>
        """
        .formatted(pdf, summary);
  }

  /**
   * Lets the last edit settle: WordPress keeps modification times to the second, so MAP Search
   * reads a post modified within two seconds of a sync once more at the next sync. Syncs minutes
   * apart never see this; tests that count what a run read wait instead.
   */
  private static void settle() throws InterruptedException {
    Thread.sleep(2_100);
  }

  // --- MAP Search, as a user runs it

  private static Cli.Result ingest(Path index, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ingest",
                "--no-semantic",
                wp.home(),
                "--index",
                index.toString(),
                "--fetch-allow-host",
                "127.0.0.1",
                // Text PDFs only: no Tesseract to look for.
                "--no-ocr",
                "--site-backoff-ms",
                "50"));
    args.addAll(List.of(more));
    long start = System.nanoTime();
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    System.out.printf(
        "ingest %s: %.1f s%n", String.join(" ", more), (System.nanoTime() - start) / 1e9);
    return r;
  }

  /** The requests MAP Search made: the anonymous ones. */
  private static List<JsonNode> mapSearch(List<JsonNode> requests) {
    return requests.stream().filter(r -> !r.get("authenticated").asBoolean()).toList();
  }

  /** MAP Search's content reads (include=...) among {@code requests}, by the ids asked for. */
  private static List<String> contentReads(List<JsonNode> requests) {
    List<String> reads = new ArrayList<>();
    for (JsonNode r : mapSearch(requests)) {
      Matcher m = Pattern.compile("(include=[0-9,]+)").matcher(r.get("uri").asText());
      if (m.find() && r.get("uri").asText().contains("content")) {
        reads.add(m.group(1));
      }
    }
    return reads;
  }

  /** The index as it was before the site failed: nothing added, changed or removed. */
  private static void assertUntouched(Path index, long driver) throws Exception {
    assertThat(documents(index)).isEqualTo(2);
    assertThat(ids("OYSTERCATCHER", index)).isEmpty();
    assertThat(ids("STONECHAT", index)).isEmpty();
    assertThat(ids("QUOKKA", index)).containsExactly("wp:driver:" + driver);
    assertThat(ids("TURNSTONE", index)).hasSize(1);
  }

  private static String outcome(JsonNode entries, String id) {
    for (JsonNode e : entries) {
      if (e.get("id").asText().equals(id)) {
        return e.get("outcome").asText() + " " + e.path("reason").asText("");
      }
    }
    return null;
  }

  private static List<String> ids(String query, Path index) throws Exception {
    return search(index, SearchRequest.of(query)).hits().stream()
        .map(SearchResult.Hit::id)
        .toList();
  }

  private static SearchResult search(Path index, SearchRequest request) throws Exception {
    try (IndexStore store = IndexStore.open(index)) {
      return new SearchService(store, Analysis.queryAnalyzer(List.of())).search(request);
    }
  }

  private static MapDocument document(Path index, String id) throws Exception {
    try (IndexStore store = IndexStore.open(index)) {
      return new SearchService(store, Analysis.queryAnalyzer(List.of())).document(id).orElseThrow();
    }
  }

  private static long documents(Path index) throws Exception {
    try (IndexStore store = IndexStore.open(index)) {
      return store.stats().documents();
    }
  }

  private static int closedPort() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitTotal(HttpClient http, String url, long want) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    long total = -1;
    while (System.nanoTime() < deadline) {
      total =
          JSON.readTree(
                  http.send(
                          HttpRequest.newBuilder(URI.create(url)).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body())
              .get("total")
              .asLong();
      if (total == want) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(total).as(url).isEqualTo(want);
  }

  /**
   * Prometheus' own linter accepts the metrics (help texts, names, units), where it is installed.
   */
  private static void promtoolAccepts(String metrics) throws Exception {
    boolean installed =
        java.util.Arrays.stream(System.getenv("PATH").split(":"))
            .anyMatch(d -> java.nio.file.Files.isExecutable(Path.of(d, "promtool")));
    if (!installed && !Project.ci()) {
      return;
    }
    Process check =
        new ProcessBuilder(Project.dir().resolve("src/test/clients/promtool.sh").toString(), "-")
            .redirectErrorStream(true)
            .start();
    try (var in = check.getOutputStream()) {
      in.write(metrics.getBytes(StandardCharsets.UTF_8));
    }
    String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor()).as(said).isZero();
  }

  private static JsonNode status(HttpClient http, String base, String token) throws Exception {
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/admin/status"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static double counter(String metrics, String series) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).strip());
      }
    }
    throw new AssertionError("no " + series + " in the metrics");
  }
}
