package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.QueryTooComplexException;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.Controller;

/** The limits that protect the public endpoint, and a 500 that never leaks its cause. */
class LimitsTest {
  @TempDir Path dir;

  @Test
  void leadingWildcardsAreRefusedWithTheirCode() throws Exception {
    try (IndexStore store = IndexStore.open(dir.resolve("index"));
        ApiServer server = Services.server(store, Services.ServerConfig.of(Project.samples()))) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      for (String q : List.of("*ward", "care+%3Fard", "title:*plan")) {
        HttpResponse<String> r = get(base + "/api/search?q=" + q);
        assertThat(r.statusCode()).as(q).isEqualTo(400);
        assertThat(r.body()).as(q).contains("\"code\":\"leading_wildcard\"");
      }
      assertThat(get(base + "/api/search?q=ward*").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aQueryExpandingPastTheClauseLimitIsRefusedAndASlowOneIsPartial() throws Exception {
    Path index = dir.resolve("index");
    assertThat(
            Main.run(
                "ingest",
                "--no-semantic",
                Project.samples().toString(),
                "--index",
                index.toString(),
                "--no-fetch"))
        .isZero();
    try (IndexStore store = IndexStore.open(index)) {
      String huge = String.join(" ", IntStream.range(0, 1100).mapToObj(i -> "word" + i).toList());
      SearchService search = new SearchService(store, Analysis.queryAnalyzer(List.of()));
      assertThatThrownBy(() -> search.search(SearchRequest.of(huge)))
          .isInstanceOf(QueryTooComplexException.class)
          .hasMessage("the query expands to more than 1024 terms");

      // A time limit of zero: the search stops at once and says its results are partial.
      SearchService hurried =
          new SearchService(store, Analysis.queryAnalyzer(List.of()), Clock.systemUTC(), 0, 0);
      SearchResult result =
          hurried.search(
              new SearchRequest(
                  "plan care library", Map.of(), SearchRequest.Sort.RELEVANCE, 1, 10));
      assertThat(result.partial()).isTrue();
      assertThat(search.search(SearchRequest.of("plan care library")).partial()).isFalse();
    }
  }

  @Test
  void anInternalErrorIsA500ThatNamesNothingInternal() throws Exception {
    Controller broken =
        new Controller() {
          @Override
          public void routes(org.maptoolkit.search.web.Routes routes) {
            routes.get(
                "/broken",
                ctx -> {
                  throw new IllegalStateException("secret path /etc/map-search and a stack");
                });
          }
        };
    List<Controller> controllers = new ArrayList<>(List.of(broken));
    try (ApiServer server = new ApiServer(controllers)) {
      HttpResponse<String> r = get("http://127.0.0.1:" + server.start("127.0.0.1", 0) + "/broken");

      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body())
          .isEqualTo(
              "{\"message\":\"internal error; it has been logged\",\"code\":\"internal\",\"type\":\"internal\"}");
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
