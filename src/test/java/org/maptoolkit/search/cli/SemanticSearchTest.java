package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchRequest.Mode;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.search.SemanticUnavailableException;
import org.maptoolkit.search.search.eval.Metrics;
import org.maptoolkit.search.semantic.Embedder;
import org.maptoolkit.search.semantic.SemanticModel;

/**
 * Search by meaning on a real index: the samples as {@code ingest} indexes them by default (with
 * passages embedded by the real model), searched in every mode. Filters, facets, sorts, paging and
 * cursors must agree across modes; a hit found by meaning in a PDF names its page, checked against
 * the page as poppler's pdftotext reads it; without the model the service searches by keyword.
 */
class SemanticSearchTest {
  @RegisterExtension static final SamplesIndex SAMPLES = new SamplesIndex();

  private static SemanticModel model;
  private static SearchService search;

  @BeforeAll
  static void loadModel() {
    model = SemanticModel.loading(Embedder.Settings.defaults());
    assertThat(model.await()).as(model.status().reason()).isPresent();
    search = Services.searchService(SAMPLES.store(), 0, model);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static SearchResult run(String q, Mode mode, Map<String, List<String>> filters) {
    return search.search(
        new SearchRequest(
            q, filters, SearchRequest.Sort.RELEVANCE, 1, 100, null, null, null, mode));
  }

  @Test
  void theDefaultIsHybridWhereTheIndexHasPassagesAndTheModelRuns() {
    assertThat(search.semanticOffered()).isTrue();
    assertThat(run("staff burnout", null, Map.of()).mode()).isEqualTo(Mode.HYBRID);
    // Without words there is nothing to embed: browsing is the same in every mode.
    assertThat(run("", Mode.HYBRID, Map.of()).mode()).isEqualTo(Mode.KEYWORD);
    assertThat(run("", null, Map.of()).total()).isEqualTo(SAMPLES.store().stats().documents());
    assertThat(SAMPLES.store().stats().documents()).isEqualTo(81);
  }

  @Test
  void meaningFindsWhatTheWordsMiss() {
    // "burnout" and "sickness absence" are words of the Darzi report; "exhausted" is not.
    SearchResult keyword = run("exhausted nurses leaving the profession", Mode.KEYWORD, Map.of());
    SearchResult semantic = run("exhausted nurses leaving the profession", Mode.SEMANTIC, Map.of());
    assertThat(semantic.total()).isPositive();
    List<String> top = semantic.hits().stream().limit(5).map(SearchResult.Hit::id).toList();
    assertThat(top)
        .containsAnyOf(
            "drivers:rising-pressure-workforce", "drivers:ltwp", "drivers:darzi-investigation");
    // Nonsense finds nothing by meaning either: the similarity floor keeps the far records out.
    assertThat(run("xylophone quantum banana", Mode.SEMANTIC, Map.of()).total()).isZero();
    assertThat(run("xylophone quantum banana", Mode.HYBRID, Map.of()).total()).isZero();
    assertThat(keyword.mode()).isEqualTo(Mode.KEYWORD);
  }

  @Test
  void filtersAndFacetsDescribeTheSameRecordsInEveryMode() {
    Map<String, List<String>> nhsEngland = Map.of("source", List.of("NHS England"));
    for (Mode mode : Mode.values()) {
      SearchResult r = run("workforce planning", mode, nhsEngland);
      assertThat(r.total()).as(mode.id()).isPositive();
      assertThat(r.hits()).hasSize((int) r.total());
      // Every hit passes the filter, applied inside the vector search, not after it.
      r.hits().forEach(h -> assertThat(h.record().source()).isEqualTo("NHS England"));
      // Each record has one type: the type counts add up to the total of the same result set.
      long byType = r.facets().get("type").stream().mapToLong(SearchResult.FacetValue::count).sum();
      assertThat(byType).as(mode.id()).isEqualTo(r.total());
      // And each hit is counted under its own type.
      Map<String, Long> counted = new LinkedHashMap<>();
      r.hits().forEach(h -> counted.merge(h.record().type().value(), 1L, Long::sum));
      r.facets()
          .get("type")
          .forEach(v -> assertThat(counted.getOrDefault(v.value(), 0L)).isEqualTo(v.count()));
    }
  }

  @Test
  void pagingCursorsAndSortsAgreeWithOneLongPage() {
    for (Mode mode : Mode.values()) {
      String q = "patient safety";
      SearchResult all = run(q, mode, Map.of());
      List<String> whole = all.hits().stream().map(SearchResult.Hit::id).toList();
      assertThat(whole).as(mode.id()).hasSizeGreaterThan(6).doesNotHaveDuplicates();
      // Pages of 3.
      List<String> paged = new ArrayList<>();
      for (int page = 1; (long) (page - 1) * 3 < all.total(); page++) {
        SearchResult p =
            search.search(
                new SearchRequest(
                    q, Map.of(), SearchRequest.Sort.RELEVANCE, page, 3, null, null, null, mode));
        assertThat(p.total()).isEqualTo(all.total());
        p.hits().forEach(h -> paged.add(h.id()));
      }
      assertThat(paged).as(mode.id()).isEqualTo(whole);
      // Cursors.
      List<String> followed = new ArrayList<>();
      String cursor = null;
      do {
        SearchResult p =
            search.search(
                new SearchRequest(
                    q, Map.of(), SearchRequest.Sort.RELEVANCE, 1, 4, null, null, cursor, mode));
        p.hits().forEach(h -> followed.add(h.id()));
        cursor = p.nextCursor();
      } while (cursor != null && followed.size() < whole.size());
      assertThat(followed).as(mode.id()).isEqualTo(whole);
      // Newest first: the same records, dated in order.
      SearchResult newest =
          search.search(
              new SearchRequest(
                  q, Map.of(), SearchRequest.Sort.NEWEST, 1, 100, null, null, null, mode));
      assertThat(new HashSet<>(newest.hits().stream().map(SearchResult.Hit::id).toList()))
          .isEqualTo(new HashSet<>(whole));
      List<LocalDate> dates = new ArrayList<>();
      newest.hits().stream()
          .filter(h -> h.record().published() != null)
          .forEach(h -> dates.add(h.record().published().start()));
      for (int i = 1; i < dates.size(); i++) {
        assertThat(dates.get(i)).isBeforeOrEqualTo(dates.get(i - 1));
      }
    }
  }

  @Test
  void aHitFoundByMeaningInAPdfShowsThePassageAndItsPage() throws Exception {
    SearchResult r = run("how tired and off sick are NHS staff", Mode.SEMANTIC, Map.of());
    SearchResult.Hit darzi =
        r.hits().stream()
            .filter(h -> h.id().equals("drivers:darzi-investigation"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("not found by meaning: " + ids(r)));
    assertThat(darzi.snippet().field()).isEqualTo("doc");
    Integer page = darzi.snippet().page();
    assertThat(page).isNotNull().isPositive();
    // From outside: poppler reads the same words on that page of the PDF.
    Path pdf = Project.samples().resolve("documents/darzi-investigation.pdf");
    Process p =
        new ProcessBuilder("pdftotext", "-f", "" + page, "-l", "" + page, pdf.toString(), "-")
            .redirectErrorStream(true)
            .start();
    String text =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .replaceAll("\\s+", " ");
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String shown =
        darzi.snippet().parts().stream()
            .map(x -> x.text())
            .reduce("", String::concat)
            .replaceAll("\\s+", " ")
            .strip();
    String[] words = shown.split(" ");
    String middle = String.join(" ", List.of(words).subList(1, Math.min(words.length - 1, 8)));
    assertThat(text).contains(middle);
    // The query's own words are marked where the passage has them ("staff").
    assertThat(darzi.snippet().parts()).anyMatch(part -> part.match());
  }

  @Test
  void judgedSampleQueriesAreNoWorseThanByKeyword() throws Exception {
    Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(
            Project.dir().resolve("src/test/resources/relevance/samples-judged.tsv"))) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("query\t")) {
        continue;
      }
      String[] cells = line.split("\t");
      judged
          .computeIfAbsent(cells[0], q -> new LinkedHashMap<>())
          .put(cells[1], Integer.parseInt(cells[2]));
    }
    Map<Mode, Double> ndcg = new LinkedHashMap<>();
    for (Mode mode : Mode.values()) {
      double sum = 0;
      for (var q : judged.entrySet()) {
        List<String> ranked =
            search
                .search(
                    new SearchRequest(
                        q.getKey(),
                        Map.of(),
                        SearchRequest.Sort.RELEVANCE,
                        1,
                        10,
                        null,
                        null,
                        null,
                        mode),
                    new SearchService.Options(false, false))
                .hits()
                .stream()
                .map(SearchResult.Hit::id)
                .toList();
        sum += Metrics.ndcg(ranked, q.getValue(), 10);
      }
      ndcg.put(mode, sum / judged.size());
    }
    System.out.printf("samples, judged queries, nDCG@10 by mode: %s%n", ndcg);
    assertThat(ndcg.get(Mode.HYBRID)).isGreaterThanOrEqualTo(ndcg.get(Mode.KEYWORD));
  }

  @Test
  void withoutTheModelTheServiceSearchesByKeywordAndSaysWhy() {
    try (SemanticModel missing =
        SemanticModel.loading(
            Embedder.Settings.defaults().withModelResource("/no/such/model.onnx"))) {
      missing.await();
      assertThat(missing.status().state()).isEqualTo(SemanticModel.Status.UNAVAILABLE);
      assertThat(missing.status().reason()).contains("cannot run here");
      SearchService keywordOnly = Services.searchService(SAMPLES.store(), 0, missing);
      assertThat(keywordOnly.semanticOffered()).isFalse();
      SearchResult r =
          keywordOnly.search(
              new SearchRequest("workforce", Map.of(), SearchRequest.Sort.RELEVANCE, 1, 10));
      assertThat(r.mode()).isEqualTo(Mode.KEYWORD);
      assertThat(r.total()).isPositive();
      assertThatThrownBy(
              () ->
                  keywordOnly.search(
                      new SearchRequest(
                          "workforce",
                          Map.of(),
                          SearchRequest.Sort.RELEVANCE,
                          1,
                          10,
                          null,
                          null,
                          null,
                          Mode.SEMANTIC)))
          .isInstanceOf(SemanticUnavailableException.class)
          .hasMessageContaining("cannot run here");
    }
  }

  @Test
  void serveSearchesByMeaningOverHttpAndReportsTheModel() throws Exception {
    StringWriter out = new StringWriter();
    Thread serving =
        new Thread(
            () ->
                Main.run(
                    new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true),
                    "serve",
                    "--port",
                    "0",
                    "--host",
                    "127.0.0.1",
                    "--index",
                    SAMPLES.path().toString(),
                    "--refresh-seconds",
                    "3600"),
            "semantic-serve");
    serving.setDaemon(true);
    serving.start();
    Pattern started = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)/");
    String base = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (base == null && System.nanoTime() < deadline) {
      Matcher m = started.matcher(out.toString());
      if (m.find()) {
        base = m.group(1);
      }
      Thread.sleep(100);
    }
    assertThat(base).as(out.toString()).isNotNull();
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    JsonNode ready = null;
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      ready = json.readTree(get(http, base + "/ready").body());
      if (!ready.path("semantic").path("state").asText().equals("loading")) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(ready.path("semantic").path("state").asText()).isEqualTo("ready");
    JsonNode r = json.readTree(get(http, base + "/api/search?q=staff+burnout&size=5").body());
    assertThat(r.path("mode").asText()).isEqualTo("hybrid");
    JsonNode s =
        json.readTree(get(http, base + "/api/search?q=staff+burnout&mode=semantic").body());
    assertThat(s.path("mode").asText()).isEqualTo("semantic");
    HttpResponse<String> bad = get(http, base + "/api/search?q=staff&mode=vibes");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).path("code").asText()).isEqualTo("invalid_mode");
    // The page offers the choice.
    assertThat(get(http, base + "/?q=staff+burnout").body()).contains("name=\"mode\"");
    serving.interrupt();
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(SearchResult.Hit::id).toList();
  }
}
