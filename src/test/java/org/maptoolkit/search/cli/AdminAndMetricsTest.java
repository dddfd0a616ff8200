package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

  /**
   * The samples plus one driver whose main document comes from a loopback server that holds its
   * answer until {@code release} opens: an ingest of this source is running until then.
   */
  static Path slowSource(Path dir, int port) throws Exception {
    Path source = dir.resolve("source");
    try (var files = Files.walk(Project.samples())) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = source.resolve(Project.samples().relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Files.writeString(
        source.resolve("drivers/slow-driver.html"),
        "<html><head><title>Slow driver</title></head><body><article class=\"category-drivers\">"
            + "<h1>Slow driver</h1><p><strong>Link to main document:</strong></p>"
            + "<p><a href=\"http://127.0.0.1:"
            + port
            + "/slow.pdf\">The slow plan</a></p></article></body></html>");
    return source;
  }

  @Test
  void adminRoutesNeedTheBearerTokenAndNothingElseWorks() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    byte[] pdf = Files.readAllBytes(Project.samples().resolve("documents/topol-review.pdf"));
    HttpServer slow =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    slow.createContext(
        "/slow.pdf",
        exchange -> {
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.getResponseHeaders().add("Content-Type", "application/pdf");
          exchange.sendResponseHeaders(200, pdf.length);
          exchange.getResponseBody().write(pdf);
          exchange.close();
        });
    slow.setExecutor(Executors.newCachedThreadPool());
    slow.start();
    Path source = slowSource(dir, slow.getAddress().getPort());
    try (IndexStore store = IndexStore.open(dir.resolve("index"));
        ApiServer server =
            Services.server(
                store,
                Services.ServerConfig.builder(source)
                    .rateLimit(1_000_000)
                    .corsOrigins(List.of(ALLOWED))
                    .adminToken(TOKEN)
                    .fetchAllowHosts(Set.of("127.0.0.1"))
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
      // The first ingest waits for the slow main document: a second one is refused.
      assertThat(code(send("POST", ingest, "Authorization", "Bearer " + TOKEN)))
          .isEqualTo("409 ingest_running");
      release.countDown();
      JsonNode status = null;
      for (int i = 0; i < 300; i++) {
        status = JSON.readTree(send("GET", ingest, "Authorization", "Bearer " + TOKEN).body());
        if (!status.get("state").asText().equals("running")) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(status.get("state").asText()).isEqualTo("finished");
      // The 81 samples and the slow driver.
      assertThat(status.get("report").get("indexed").asInt()).isEqualTo(82);
      assertThat(status.get("report").get("skipped").asInt()).isEqualTo(2);
      store.refresh();
      assertThat(send("GET", base + "/api/search?q=core20plus5").body())
          .contains("drivers:core20plus5");
      // The slow driver's words come from the PDF the loopback server held back (the Topol
      // review's text, as pdftotext reads it).
      assertThat(
              send(
                      "GET",
                      base
                          + "/api/search?q=%22genomics+digital+medicine+artificial+intelligence%22")
                  .body())
          .contains("drivers:slow-driver");

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
          .contains("map_search_index_documents 81.0")
          .contains("map_search_ingest_items_total{outcome=\"indexed\"} 82.0")
          .contains("map_search_cache_misses_total{cache=\"search\"}")
          .contains("map_search_cache_hits_total{cache=\"suggest\"} 0.0")
          .doesNotContain(TOKEN)
          .doesNotContain("q=plan");
    } finally {
      release.countDown();
      slow.stop(0);
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
