package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.DiscoveryService;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.DiscoveryController;
import org.maptoolkit.search.web.DocumentController;
import org.maptoolkit.search.web.SearchController;

/**
 * Dates, review currency (against a fixed "today"), sorts, did-you-mean, typo tolerance,
 * autocomplete, similar and related records, over HTTP on the samples.
 */
class DiscoveryApiTest {
  @RegisterExtension static final SamplesIndex SAMPLES = new SamplesIndex();
  static IndexStore store;
  static ApiServer server;
  static String base;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    store = SAMPLES.store();
    // "Today" is fixed so that review currency does not drift as the calendar moves.
    Clock today = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    SearchService search =
        new SearchService(
            store,
            Analysis.queryAnalyzer(
                org.maptoolkit.search.ingest.Vocabulary.resourceLines("synonyms.txt")),
            today);
    server =
        new ApiServer(
            List.of(
                new SearchController(search, org.maptoolkit.search.web.RequestOrigin.direct()),
                new DocumentController(search, Project.samples()),
                new DiscoveryController(
                    new DiscoveryService(store, Analysis.indexAnalyzer()), search)));
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static List<String> ids(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.get("hits").forEach(h -> out.add(h.get("id").asText()));
    return out;
  }

  @Test
  void publicationDateRangesAtAnyPrecision() throws Exception {
    assertThat(json("/api/search?size=100&type=driver&from=2019&to=2019").get("total").asInt())
        .isEqualTo(6);
    assertThat(ids(json("/api/search?size=100&type=driver&from=2019-02&to=2019-02")))
        .containsExactly("drivers:topol-review");
    assertThat(ids(json("/api/search?size=100&from=2025-07-03")))
        .containsExactlyInAnyOrder(
            "drivers:ten-year-health-plan",
            "news:call-for-ai-digital-skills-stories",
            "news:review-round-autumn-2025",
            "stories:ai-digital-skills-programme");
    // Month-precision "last updated" dates count from their first day.
    assertThat(ids(json("/api/search?size=100&type=driver&updated_from=2026-01-01")))
        .containsExactlyInAnyOrder(
            "drivers:edi-improvement-plan",
            "drivers:data-security-consent-opt-outs",
            "drivers:future-nurse",
            "drivers:mental-health-act-review",
            "drivers:ten-year-health-plan",
            "drivers:universal-personalised-care",
            "drivers:working-with-people-and-communities");
    HttpResponse<String> bad = get("/api/search?from=2019-13");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"code\":\"invalid_date\"");
  }

  @Test
  void reviewCurrencyIsAFacetAFilterAndASort() throws Exception {
    JsonNode all = json("/api/search?size=100");
    assertThat(all.get("facets").get("review").toString())
        .isEqualTo(
            "[{\"value\":\"current\",\"count\":10},{\"value\":\"due-soon\",\"count\":8},{\"value\":\"overdue\",\"count\":37}]");
    assertThat(ids(json("/api/search?size=100&review=due-soon")))
        .containsExactlyInAnyOrder(
            "drivers:ltwp",
            "drivers:carter-review",
            "drivers:cqc-strategy-2021",
            "drivers:data-security-consent-opt-outs",
            "drivers:future-nurse",
            "drivers:messenger-review",
            "drivers:ten-year-health-plan",
            "drivers:ukhsa-strategy");
    JsonNode soonest = json("/api/search?size=3&sort=review&type=driver");
    assertThat(ids(soonest))
        .containsExactly(
            "drivers:culture-change-francis",
            "drivers:cancer-strategy-2015",
            "drivers:better-births");
    // Each facet's counts ignore its own selection.
    assertThat(json("/api/search?size=100&review=overdue").get("facets").get("review").toString())
        .isEqualTo(all.get("facets").get("review").toString());
  }

  @Test
  void sortsByTitleAndOldest() throws Exception {
    assertThat(ids(json("/api/search?size=2&type=driver&sort=title")))
        .containsExactly("drivers:planning-guidance-2025", "drivers:stps");
    assertThat(ids(json("/api/search?size=2&type=driver&sort=oldest")))
        .containsExactly("drivers:everybody-active", "drivers:five-year-forward-view");
  }

  @Test
  void misspeltQueriesGetASuggestionAndOneWordToleratesTypos() throws Exception {
    JsonNode misspelt = json("/api/search?q=librery+servises");
    assertThat(misspelt.get("total").asInt()).isZero();
    assertThat(misspelt.get("suggestion").asText()).isEqualTo("library services");

    JsonNode typo = json("/api/search?q=workforse");
    assertThat(typo.get("fuzzy").asBoolean()).isTrue();
    assertThat(ids(typo)).contains("drivers:ltwp");
    assertThat(json("/api/search?q=workforce").get("fuzzy").asBoolean()).isFalse();
  }

  @Test
  void autocompleteOffersTitlesThenWords() throws Exception {
    JsonNode s = json("/api/suggest?q=long+te&limit=4");
    assertThat(s.get("suggestions").toString())
        .isEqualTo(
            // Titles with the words, shortest first (a fixed order, whatever order the ingest
            // wrote them in), then words.
            "[{\"text\":\"The NHS Long Term Plan\",\"id\":\"drivers:long-term-plan\"},"
                + "{\"text\":\"NHS Long Term Workforce Plan\",\"id\":\"drivers:ltwp\"},"
                + "{\"text\":\"New driver: the NHS Long Term Workforce Plan\",\"id\":\"news:workforce-plan-driver-added\"},"
                + "{\"text\":\"long term\"}]");
    // After other words, the word completing them is the one that goes with them.
    assertThat(json("/api/suggest?q=patient+sa&limit=5").get("suggestions").get(4).toString())
        .isEqualTo("{\"text\":\"patient safety\"}");
    HttpResponse<String> openSearch = get("/api/suggest?q=topol&format=opensearch");
    assertThat(openSearch.headers().firstValue("Content-Type"))
        .hasValue("application/x-suggestions+json; charset=utf-8");
    assertThat(openSearch.body())
        .isEqualTo(
            "[\"topol\",[\"The Topol Review: preparing the healthcare workforce to deliver the digital future\",\"topol\"]]");
    assertThat(get("/api/suggest?q=x&limit=99").statusCode()).isEqualTo(400);
    assertThat(json("/api/suggest?q=PLOVERTON").get("suggestions")).isEmpty();
  }

  @Test
  void similarAndRelatedRecords() throws Exception {
    JsonNode similar = json("/api/documents/drivers:stps/similar?size=3");
    assertThat(similar.get("similar")).hasSize(3);
    assertThat(similar.get("similar"))
        .extracting(n -> n.get("id").asText())
        .startsWith("drivers:kings-fund-stps", "stories:evidence-summaries-for-the-stp");
    assertThat(similar.get("similar").toString()).doesNotContain("\"id\":\"drivers:stps\"");
    JsonNode driver = json("/api/documents/drivers:stps/related");
    assertThat(driver.get("related").get("linkedFrom").toString())
        .isEqualTo(
            "[{\"id\":\"news:review-round-autumn-2025\",\"type\":\"news\",\"title\":\"Autumn 2025 review round: checking drivers past their review date\"},"
                + "{\"id\":\"stories:evidence-summaries-for-the-stp\",\"type\":\"story\",\"title\":\"Evidence summaries for the Northdale and Westmere STP\"}]");
    JsonNode story = json("/api/documents/stories:evidence-summaries-for-the-stp/related");
    assertThat(story.get("related").get("linksTo"))
        .extracting(n -> n.get("id").asText())
        .containsExactly("drivers:stps", "drivers:five-year-forward-view");
    assertThat(get("/api/documents/nope/similar").statusCode()).isEqualTo(404);
  }

  @Test
  void aCursorPagesThroughEverythingOnceInEveryOrder() throws Exception {
    for (String sort : List.of("relevance", "newest", "title", "review")) {
      List<String> viaPages = new ArrayList<>();
      int total = json("/api/search?q=plan+care&size=5&sort=" + sort).get("total").asInt();
      for (int page = 1; page <= (total + 4) / 5; page++) {
        viaPages.addAll(ids(json("/api/search?q=plan+care&size=5&sort=" + sort + "&page=" + page)));
      }
      List<String> viaCursor = new ArrayList<>();
      JsonNode body = json("/api/search?q=plan+care&size=5&sort=" + sort);
      viaCursor.addAll(ids(body));
      while (body.hasNonNull("nextCursor")) {
        body =
            json(
                "/api/search?q=plan+care&size=5&sort="
                    + sort
                    + "&cursor="
                    + body.get("nextCursor").asText());
        viaCursor.addAll(ids(body));
      }
      assertThat(viaCursor).as(sort).isEqualTo(viaPages).doesNotHaveDuplicates();
    }
    assertThat(get("/api/search?q=plan&cursor=bm9wZQ").body())
        .contains("\"code\":\"invalid_cursor\"");
    assertThat(get("/api/search?q=plan&page=2&cursor=x").body())
        .contains("\"code\":\"invalid_cursor\"");
  }
}
