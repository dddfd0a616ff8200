package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.web.ApiServer;

/** Admin routes behind a bearer token, refused every other way, and the Prometheus metrics. */
class AdminAndMetricsTest {
  static final String TOKEN = "a-long-enough-admin-token-42";
  static final String ALLOWED = "http://intranet.example.org";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static HttpResponse<String> send(String method, String url, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String code(HttpResponse<String> r) throws Exception {
    return r.statusCode() + " " + JSON.readTree(r.body()).get("code").asText();
  }

  @Test
  void adminRoutesNeedTheBearerTokenAndNothingElseWorks() throws Exception {
    try (IndexStore store = IndexStore.open(dir.resolve("index"));
        ApiServer server =
            Services.server(
                store,
                Services.ServerConfig.builder(Project.samples())
                    .rateLimit(1_000_000)
                    .corsOrigins(List.of(ALLOWED))
                    .adminToken(TOKEN)
                    .build())) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      String ingest = base + "/api/admin/ingest";

      assertThat(code(send("POST", ingest))).isEqualTo("401 unauthorised");
      assertThat(code(send("POST", ingest, "Authorization", "Bearer wrong-token-of-some-length")))
          .isEqualTo("401 unauthorised");
      assertThat(code(send("POST", ingest + "?token=" + TOKEN))).isEqualTo("400 token_in_query");
      HttpResponse<String> preflight =
          send("OPTIONS", ingest, "Origin", ALLOWED, "Access-Control-Request-Method", "POST");
      assertThat(preflight.statusCode()).isEqualTo(403);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      HttpResponse<String> crossOrigin =
          send("GET", ingest, "Origin", ALLOWED, "Authorization", "Bearer " + TOKEN);
      assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

      HttpResponse<String> started = send("POST", ingest, "Authorization", "Bearer " + TOKEN);
      assertThat(started.statusCode()).isEqualTo(202);
      assertThat(code(send("POST", ingest, "Authorization", "Bearer " + TOKEN)))
          .isIn("409 ingest_running", "202 null");
      JsonNode status = null;
      for (int i = 0; i < 300; i++) {
        status = JSON.readTree(send("GET", ingest, "Authorization", "Bearer " + TOKEN).body());
        if (!status.get("state").asText().equals("running")) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(status.get("state").asText()).isEqualTo("finished");
      assertThat(status.get("report").get("indexed").asInt()).isEqualTo(81);
      assertThat(status.get("report").get("skipped").asInt()).isEqualTo(2);
      store.refresh();
      assertThat(send("GET", base + "/api/search?q=core20plus5").body())
          .contains("drivers:core20plus5");

      HttpResponse<String> deleted =
          send(
              "DELETE",
              base + "/api/admin/documents/drivers:core20plus5",
              "Authorization",
              "Bearer " + TOKEN);
      assertThat(deleted.body()).isEqualTo("{\"deleted\":\"drivers:core20plus5\"}");
      store.refresh();
      assertThat(send("GET", base + "/api/documents/drivers:core20plus5").statusCode())
          .isEqualTo(404);
      assertThat(
              code(
                  send(
                      "DELETE",
                      base + "/api/admin/documents/drivers:core20plus5",
                      "Authorization",
                      "Bearer " + TOKEN)))
          .isEqualTo("404 document_not_found");

      // The public API answers the allowed origin, and only it.
      HttpResponse<String> allowed = send("GET", base + "/api/search?q=plan", "Origin", ALLOWED);
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
      assertThat(
              send("GET", base + "/api/search?q=plan", "Origin", "http://evil.example")
                  .headers()
                  .firstValue("Access-Control-Allow-Origin"))
          .isEmpty();

      String metrics = send("GET", base + "/metrics").body();
      assertThat(metrics)
          .contains(
              "map_search_http_requests_seconds_count{method=\"GET\",route=\"/api/search\",status=\"200\"}")
          .contains("map_search_index_documents 80.0")
          .contains("map_search_ingest_items_total{outcome=\"indexed\"} 81.0")
          .contains("map_search_cache_misses_total{cache=\"search\"}")
          .contains("map_search_cache_hits_total{cache=\"suggest\"} 0.0")
          .doesNotContain(TOKEN)
          .doesNotContain("q=plan");
    }
  }

  @Test
  void adminRoutesAreDisabledWithoutAToken() throws Exception {
    try (IndexStore store = IndexStore.open(dir.resolve("index"));
        ApiServer server = Services.server(store, Services.ServerConfig.of(Project.samples()))) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);

      assertThat(
              code(
                  send(
                      "POST",
                      base + "/api/admin/ingest",
                      "Authorization",
                      "Bearer anything-at-all-here")))
          .isEqualTo("403 admin_disabled");
    }
  }
}
