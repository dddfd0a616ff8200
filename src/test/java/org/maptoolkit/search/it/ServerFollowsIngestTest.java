package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Fixtures;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.TikaExtractor;
import org.maptoolkit.search.ingest.Vocabulary;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.DocumentController;
import org.maptoolkit.search.web.HealthController;
import org.maptoolkit.search.web.SearchController;

/**
 * A running server picks up what a separate ingest committed, within seconds, without a restart and
 * without failing a request meanwhile.
 */
class ServerFollowsIngestTest {
  @TempDir Path dir;

  @Test
  void serverSeesASeparateIngestsCommitWithoutFailingARequest() throws Exception {
    Path index = dir.resolve("index");
    Path site = dir.resolve("site");
    for (int i = 0; i < 30; i++) {
      Fixtures.write(
          site.resolve("drivers/d" + i + ".html"),
          Fixtures.driver(
              "Estuary plan " + i,
              "NHS England",
              "All",
              "2020",
              "https://example.org/" + i,
              "Summary " + i));
    }
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    try (IndexStore serving = IndexStore.open(index);
        AutoCloseable refresh = serving.autoRefresh(Duration.ofMillis(200));
        ApiServer server = server(serving)) {
      int port = server.start("127.0.0.1", 0);
      URI uri = URI.create("http://127.0.0.1:" + port + "/api/search?q=estuary");
      assertThat(total(http, json, uri)).isZero();

      List<Integer> statuses = new CopyOnWriteArrayList<>();
      AtomicBoolean ingesting = new AtomicBoolean(true);
      Thread load =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (ingesting.get()) {
                      try {
                        statuses.add(
                            http.send(
                                    HttpRequest.newBuilder(uri).build(),
                                    HttpResponse.BodyHandlers.discarding())
                                .statusCode());
                      } catch (Exception e) {
                        statuses.add(-1);
                      }
                    }
                  });
      IngestReport report;
      // A second IndexStore on the same folder stands for the separate `ingest` process.
      try (IndexStore writer = IndexStore.open(index);
          TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT)) {
        report =
            new Ingester(writer, extractor, Vocabulary.bundled(), null, 2)
                .ingest(Source.open(site), true, Ingester.Progress.NONE);
      }
      long committedAt = System.nanoTime();
      long seen = 0;
      while (seen == 0 && System.nanoTime() - committedAt < 10_000_000_000L) {
        seen = total(http, json, uri);
        Thread.sleep(50);
      }
      double seconds = (System.nanoTime() - committedAt) / 1e9;
      ingesting.set(false);
      load.join();
      System.out.printf(
          "server saw the commit after %.2f s; %d requests during ingest%n",
          seconds, statuses.size());

      assertThat(report.indexed()).isEqualTo(30);
      assertThat(seen).isEqualTo(30);
      assertThat(statuses).isNotEmpty().allMatch(s -> s == 200);
    }
  }

  private static ApiServer server(IndexStore store) {
    SearchService search = new SearchService(store, Analysis.queryAnalyzer(List.of()));
    return new ApiServer(
        List.of(
            new HealthController(store),
            new SearchController(search, org.maptoolkit.search.web.RequestOrigin.direct()),
            new DocumentController(search, null)));
  }

  private static long total(HttpClient http, ObjectMapper json, URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    return body.get("total").asLong();
  }
}
