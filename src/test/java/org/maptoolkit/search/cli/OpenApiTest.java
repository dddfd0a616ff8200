package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.index.IndexUpdate;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.ErrorCode;
import org.maptoolkit.search.web.SearchParams;

/**
 * Keeps /openapi.json true, both ways, on the real server over the real samples. Every documented
 * operation is called for every status and every error code it documents (500 aside), and each
 * answer is checked against the served document by a JSON Schema validator: the status is
 * documented for that operation, the Content-Type is one of its media types, the body is valid
 * (closed objects: a field the document does not name fails) and the headers it requires are there.
 * Every documented parameter is accepted and every other one refused; the error codes are the
 * server's; the routes are the documented ones; and Redocly's recommended ruleset finds no error.
 * Expected statuses come from the document and the HTTP spec, never from the server's output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiTest {
  static final String TOKEN = "openapi-test-admin-token";
  static final String ALLOWED = "https://intranet.example.nhs.uk";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Pages for people, not API: documented in the README instead. */
  static final Set<String> PAGES =
      Set.of("GET /", "GET /documents/{id}", "GET /embed", "GET /embed.html", "GET /favicon.ico");

  /**
   * The CORS preflight answers OPTIONS on any /api path whatever its query string, for browsers:
   * the document describes it (info and the cors_refused code) rather than as operations.
   */
  static final String PREFLIGHT = "OPTIONS /api/*";

  /** Documented statuses no request can provoke, and why. */
  static final Map<String, String> UNPROVOKED =
      Map.of("500", "an internal error is a fault of the service; its body is checked by no test");

  @RegisterExtension static final SamplesIndex SAMPLES = new SamplesIndex();

  @TempDir static Path dir;

  static ApiServer server;
  static String base;
  static int port;
  static ApiDocument api;

  /** "operationId status code" (code "-" for a success) for every answer checked. */
  static final Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    server =
        Services.server(
            SAMPLES.store(),
            Services.ServerConfig.builder(Project.samples())
                .rateLimit(1_000_000)
                .corsOrigins(List.of(ALLOWED))
                .build());
    port = server.start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + port;
    api = ApiDocument.fetch(HTTP, base);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ------------------------------------------------------------------------------ the operations

  @Test
  @Order(1)
  void publicOperationsAnswerAsDocumented() throws Exception {
    String id = "drivers:ltwp";
    check("getHealth", 200, "GET", "/health");
    check("getReadiness", 200, "GET", "/ready");
    check("getMetrics", 200, "GET", "/metrics");
    check("getOpenApiDocument", 200, "GET", "/openapi.json");
    check("getOpenSearchDescription", 200, "GET", "/opensearch.xml");

    // Search in every format, with filters, dates, a cursor, a fallback and a fuzzy match.
    for (String query :
        List.of(
            "q=workforce",
            "size=100",
            "q=workforce&type=driver&source=NHS+England&from=2019&to=2025-12&sort=newest",
            "q=plan&updated_from=2020&updated_to=2025-06-30&page=2&size=5&facets=false",
            "q=plan&snippets=false",
            "q=wrokforce",
            "q=a+AND+(",
            "q=zzzzqqq",
            "q=workforce&format=atom",
            "q=workforce&format=ris",
            "q=workforce&format=bibtex",
            "q=workforce&format=csv",
            "q=workforce&format=csv&bom=false",
            "q=workforce&format=report",
            "q=workforce&format=report&type=driver&from=2019&updated_to=2025",
            "q=workforce&format=report-csv",
            "format=json&review=overdue&language=en&year=2023&audience=All+staff")) {
      check("search", 200, "GET", "/api/search?" + query);
    }
    JsonNode page = json(check("search", 200, "GET", "/api/search?q=plan&size=5"));
    check(
        "search",
        200,
        "GET",
        "/api/search?q=plan&size=5&cursor=" + encode(page.get("nextCursor").asText()));
    String etag = header(check("search", 200, "GET", "/api/search?q=care"), "ETag");
    check("search", 304, "GET", "/api/search?q=care", "If-None-Match", etag);
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("zzz=1", "unknown_parameter");
    refused.put("q=a&q=b", "unknown_parameter");
    refused.put("page=0", "invalid_page");
    refused.put("size=101", "invalid_size");
    refused.put("page=101&size=100", "page_out_of_range");
    refused.put("cursor=zzz", "invalid_cursor");
    refused.put("sort=random", "invalid_sort");
    refused.put("mode=vibes", "invalid_mode");
    refused.put("type=video", "invalid_filter");
    refused.put("facets=maybe", "invalid_flag");
    refused.put("from=2019-13", "invalid_date");
    refused.put("format=pdf", "invalid_format");
    refused.put("q=" + "a".repeat(501), "query_too_long");
    refused.put("q=" + encode(cjk(300)), "too_many_clauses");
    refused.put("q=*ward", "leading_wildcard");
    refused.put("q=%C3%28", "invalid_encoding");
    refused.forEach(
        (query, code) -> checkError("search", 400, code, "GET", "/api/search?" + query));
    // This server runs without the embedding model: by meaning, it says it cannot.
    check("search", 200, "GET", "/api/search?q=care&mode=keyword");
    checkError("search", 503, "semantic_unavailable", "GET", "/api/search?q=care&mode=semantic");
    checkBody(
        "searchWithBody",
        503,
        "semantic_unavailable",
        "/api/search",
        "{\"q\":\"care\",\"mode\":\"hybrid\"}");

    // The same search with a body.
    for (String body :
        List.of(
            "",
            "{}",
            "{\"q\":\"workforce plan\",\"source\":[\"NHS England\"],\"size\":5}",
            "{\"q\":\"workforce\",\"type\":\"driver\",\"facets\":false,\"page\":2,\"size\":\"3\"}",
            "{\"q\":\"workforce\",\"format\":\"report\"}",
            "{\"q\":\"workforce\",\"format\":\"ris\"}",
            "{\"q\":\"workforce\",\"format\":\"csv\",\"bom\":false}")) {
      checkBody("searchWithBody", 200, null, "/api/search", body);
    }
    checkBody("searchWithBody", 400, "invalid_body", "/api/search", "[1]");
    checkBody("searchWithBody", 400, "invalid_body", "/api/search", "{not json");
    checkBody("searchWithBody", 400, "invalid_body", "/api/search", "{\"q\":{\"a\":1}}");
    checkBody("searchWithBody", 400, "unknown_parameter", "/api/search", "{\"colour\":\"blue\"}");
    checkBody("searchWithBody", 400, "unknown_parameter", "/api/search?q=plan", "{}");
    checkBody("searchWithBody", 400, "invalid_size", "/api/search", "{\"size\":0}");
    checkBody("searchWithBody", 400, "invalid_encoding", "/api/search?q=%C3%28", "{}");
    Map<String, String> body = new LinkedHashMap<>();
    body.put("{\"page\":0}", "invalid_page");
    body.put("{\"page\":101,\"size\":100}", "page_out_of_range");
    body.put("{\"cursor\":\"zzz\"}", "invalid_cursor");
    body.put("{\"sort\":\"random\"}", "invalid_sort");
    body.put("{\"mode\":\"vibes\"}", "invalid_mode");
    body.put("{\"type\":[\"driver\",\"video\"]}", "invalid_filter");
    body.put("{\"snippets\":\"maybe\"}", "invalid_flag");
    body.put("{\"to\":\"2019-02-30\"}", "invalid_date");
    body.put("{\"format\":\"pdf\"}", "invalid_format");
    body.put("{\"q\":\"" + "a".repeat(501) + "\"}", "query_too_long");
    body.put("{\"q\":\"" + cjk(300) + "\"}", "too_many_clauses");
    body.put("{\"q\":\"?ward\"}", "leading_wildcard");
    body.forEach((b, code) -> checkBody("searchWithBody", 400, code, "/api/search", b));

    // Exports of chosen records.
    String ids =
        "ids=drivers:ltwp&ids=drivers:long-term-plan&ids=stories:evidence-for-safety-investigations";
    for (String format :
        List.of("", "&format=ris", "&format=bibtex", "&format=csv", "&format=atom")) {
      check("exportRecords", 200, "GET", "/api/export?" + ids + format);
    }
    check("exportRecords", 200, "GET", "/api/export?" + ids + "&format=csv&bom=false");
    String exportTag =
        header(check("exportRecords", 200, "GET", "/api/export?ids=drivers:ltwp"), "ETag");
    check("exportRecords", 304, "GET", "/api/export?ids=drivers:ltwp", "If-None-Match", exportTag);
    checkError("exportRecords", 400, "unknown_parameter", "GET", "/api/export?" + ids + "&q=x");
    checkError("exportRecords", 400, "invalid_filter", "GET", "/api/export");
    checkError(
        "exportRecords",
        400,
        "invalid_filter",
        "GET",
        "/api/export?" + String.join("&", java.util.Collections.nCopies(101, "ids=x")));
    checkError("exportRecords", 400, "invalid_format", "GET", "/api/export?" + ids + "&format=pdf");
    checkError("exportRecords", 400, "invalid_flag", "GET", "/api/export?" + ids + "&bom=maybe");
    checkError("exportRecords", 400, "invalid_encoding", "GET", "/api/export?ids=%C3%28");
    checkError("exportRecords", 404, "document_not_found", "GET", "/api/export?ids=drivers:nope");

    // Suggestions.
    check("suggest", 200, "GET", "/api/suggest?q=wor");
    check("suggest", 200, "GET", "/api/suggest?q=wor&limit=20&format=json");
    check("suggest", 200, "GET", "/api/suggest?q=pat&format=opensearch");
    check("suggest", 200, "GET", "/api/suggest?q=" + encode("café") + "&format=opensearch");
    check("suggest", 200, "GET", "/api/suggest");
    check("suggest", 200, "GET", "/api/suggest?q=wor&type=driver&type=story&source=NHS+England");
    checkError("suggest", 400, "invalid_filter", "GET", "/api/suggest?q=wor&type=video");
    checkError("suggest", 400, "unknown_parameter", "GET", "/api/suggest?q=wor&size=3");
    checkError("suggest", 400, "query_too_long", "GET", "/api/suggest?q=" + "a".repeat(101));
    checkError("suggest", 400, "invalid_limit", "GET", "/api/suggest?q=wor&limit=21");
    checkError("suggest", 400, "invalid_format", "GET", "/api/suggest?q=wor&format=xml");
    checkError("suggest", 400, "invalid_encoding", "GET", "/api/suggest?q=%C3%28");

    // Every record, its file, its similar and related records.
    JsonNode all = json(get("/api/search?size=100&facets=false&snippets=false"));
    assertThat(all.get("hits").size()).isEqualTo(all.get("total").asInt()).isGreaterThan(50);
    List<String> files = new ArrayList<>();
    for (JsonNode hit : all.get("hits")) {
      String each = "/api/documents/" + hit.get("id").asText();
      check("getDocument", 200, "GET", each);
      check("getSimilarDocuments", 200, "GET", each + "/similar");
      check("getRelatedDocuments", 200, "GET", each + "/related");
      if (hit.path("mainDocument").path("url").asText().equals(each + "/file")) {
        files.add(each + "/file");
      }
    }
    String tag = header(check("getDocument", 200, "GET", "/api/documents/" + id), "ETag");
    check("getDocument", 304, "GET", "/api/documents/" + id, "If-None-Match", tag);
    checkError("getDocument", 400, "unknown_parameter", "GET", "/api/documents/" + id + "?x=1");
    checkError("getDocument", 404, "document_not_found", "GET", "/api/documents/drivers:nope");
    checkError("getDocument", 404, "route_not_found", "GET", "/api/documents/");
    check("getSimilarDocuments", 200, "GET", "/api/documents/" + id + "/similar?size=50");
    checkError(
        "getSimilarDocuments",
        400,
        "invalid_size",
        "GET",
        "/api/documents/" + id + "/similar?size=51");
    checkError(
        "getSimilarDocuments",
        400,
        "unknown_parameter",
        "GET",
        "/api/documents/" + id + "/similar?limit=3");
    checkError(
        "getSimilarDocuments", 404, "document_not_found", "GET", "/api/documents/nope/similar");
    checkError("getSimilarDocuments", 404, "route_not_found", "GET", "/api/documents//similar");
    checkError(
        "getRelatedDocuments",
        400,
        "unknown_parameter",
        "GET",
        "/api/documents/" + id + "/related?size=3");
    checkError(
        "getRelatedDocuments", 404, "document_not_found", "GET", "/api/documents/nope/related");
    checkError("getRelatedDocuments", 404, "route_not_found", "GET", "/api/documents//related");

    // The files MAP Search holds: whole, in part, revalidated, and out of range.
    assertThat(files).hasSizeGreaterThan(10);
    for (String file : files) {
      check("getDocumentFile", 200, "GET", file);
    }
    String file = "/api/documents/" + id + "/file";
    HttpResponse<byte[]> whole = check("getDocumentFile", 200, "GET", file);
    check("getDocumentFile", 206, "GET", file, "Range", "bytes=0-9");
    check(
        "getDocumentFile",
        206,
        "GET",
        file,
        "Range",
        "bytes=-10",
        "If-Range",
        header(whole, "ETag"));
    check("getDocumentFile", 304, "GET", file, "If-None-Match", header(whole, "ETag"));
    check("getDocumentFile", 304, "GET", file, "If-Modified-Since", header(whole, "Last-Modified"));
    checkError(
        "getDocumentFile", 416, "range_not_satisfiable", "GET", file, "Range", "bytes=99999999-");
    checkError("getDocumentFile", 400, "unknown_parameter", "GET", file + "?page=2");
    checkError(
        "getDocumentFile", 404, "document_not_found", "GET", "/api/documents/drivers:nope/file");
    checkError(
        "getDocumentFile",
        404,
        "file_not_found",
        "GET",
        "/api/documents/drivers:rising-pressure-workforce/file");
    checkError("getDocumentFile", 404, "route_not_found", "GET", "/api/documents//file");

    // Every GET answers HEAD as it answers GET, without the body.
    for (ApiDocument.Operation op : api.operations().values()) {
      if (op.method().equals("get") && !op.path().startsWith("/api/admin")) {
        String target = op.path().replace("{id}", id);
        if (op.id().equals("exportRecords")) {
          target += "?ids=" + id;
        }
        check(op.id(), 200, "HEAD", target);
      }
    }
  }

  @Test
  @Order(2)
  void everyOperationAnswersTheErrorsEveryRequestCanMeet() throws Exception {
    // Admin operations on a server with a token, so that they get past admin_disabled.
    try (IndexStore store = IndexStore.open(dir.resolve("generic-index"));
        ApiServer admin = adminServer(store, Project.samples())) {
      String adminBase = "http://127.0.0.1:" + admin.start("127.0.0.1", 0);
      for (ApiDocument.Operation op : api.operations().values()) {
        boolean isAdmin = op.path().startsWith("/api/admin");
        String on = isAdmin ? adminBase : base;
        String method = op.method().toUpperCase(Locale.ROOT);
        String path = op.path().replace("{id}", "drivers:ltwp");
        // A parameter it does not take (admin routes take none: a token belongs in a header).
        validate(
            op,
            method,
            send(on, method, path + "?zzz=1", null),
            400,
            isAdmin ? "token_in_query" : "unknown_parameter");
        // A query string that is not UTF-8 percent-encoding, and a request that is not HTTP.
        validate(op, method, send(on, method, path + "?q=%C3%28", null), 400, "invalid_encoding");
        validate(op, method, raw(on, method, path), 400, "malformed_request");
        // A request line and headers longer than the server reads.
        validate(
            op,
            method,
            send(on, method, path + "?q=" + "a".repeat(9_000), null),
            414,
            "uri_too_long");
        validate(
            op,
            method,
            raw(on, method, path, "X-Padding: " + "p".repeat(40_000)),
            431,
            "headers_too_large");
      }
    }
    // A method the path does not take: a 405 whose Allow lists exactly the documented methods
    // (with HEAD for GET, and OPTIONS, the preflight, under /api).
    for (var path : api.root.get("paths").properties()) {
      String target = path.getKey().replace("{id}", "drivers:ltwp");
      HttpResponse<byte[]> r = send(base, "PATCH", target, null);
      Set<String> expected = new TreeSet<>();
      for (ApiDocument.Operation op : api.operations().values()) {
        if (op.path().equals(path.getKey())) {
          validate(op, "PATCH", r, 405, "method_not_allowed");
          expected.add(op.method().toUpperCase(Locale.ROOT));
          if (op.method().equals("get")) {
            expected.add("HEAD");
          }
        }
      }
      if (path.getKey().startsWith("/api/")) {
        expected.add("OPTIONS");
      }
      assertThat(new TreeSet<>(Arrays.asList(header(r, "Allow").split(", "))))
          .as("Allow of " + path.getKey())
          .isEqualTo(expected);
    }
  }

  @Test
  @Order(3)
  void limitedSearchesAre429WithRetryAfter() throws Exception {
    // One search a minute with bursts of 10: the 11th search within the minute is refused.
    try (ApiServer limited =
        Services.server(
            SAMPLES.store(),
            Services.ServerConfig.builder(Project.samples()).rateLimit(1).build())) {
      String on = "http://127.0.0.1:" + limited.start("127.0.0.1", 0);
      for (int i = 0; i < 10; i++) {
        assertThat(send(on, "GET", "/api/suggest?q=wor", null).statusCode()).isEqualTo(200);
      }
      validate(
          api.operation("search"),
          "GET",
          send(on, "GET", "/api/search?q=plan", null),
          429,
          "rate_limited");
      validate(
          api.operation("searchWithBody"),
          "POST",
          send(on, "POST", "/api/search", "{}"),
          429,
          "rate_limited");
      validate(
          api.operation("exportRecords"),
          "GET",
          send(on, "GET", "/api/export?ids=drivers:ltwp", null),
          429,
          "rate_limited");
      validate(
          api.operation("suggest"),
          "GET",
          send(on, "GET", "/api/suggest?q=wor", null),
          429,
          "rate_limited");
      // Not limited: records and the service's own routes.
      assertThat(send(on, "GET", "/api/documents/drivers:ltwp", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  @Order(4)
  void readinessIs503WhenTheIndexCannotBeRead() throws Exception {
    IndexStore store = IndexStore.open(dir.resolve("closing-index"));
    try (ApiServer closing = Services.server(store, Services.ServerConfig.of(Project.samples()))) {
      String on = "http://127.0.0.1:" + closing.start("127.0.0.1", 0);
      validate(api.operation("getReadiness"), "GET", send(on, "GET", "/ready", null), 200, null);
      store.close();
      validate(
          api.operation("getReadiness"),
          "GET",
          send(on, "GET", "/ready", null),
          503,
          "index_unavailable");
      validate(api.operation("getHealth"), "GET", send(on, "GET", "/health", null), 200, null);
    }
  }

  @Test
  @Order(5)
  void adminOperationsAnswerAsDocumented() throws Exception {
    // A small source, so that an ingest takes seconds; an empty index to ingest it into.
    Path source = dir.resolve("admin-source");
    copy("drivers/ltwp.html", source);
    copy("documents/long-term-workforce-plan.pdf", source);
    copy("news/workforce-plan-driver-added.html", source);
    String ingest = "/api/admin/ingest";
    String record = "/api/admin/documents/drivers:ltwp";
    String[] auth = {"Authorization", "Bearer " + TOKEN};

    // Without a configured token (the public server): disabled, whatever is sent.
    checkError("getIngestStatus", 403, "admin_disabled", "GET", ingest, auth);
    checkError("getAdminStatus", 403, "admin_disabled", "GET", "/api/admin/status", auth);
    checkError("startIngest", 403, "admin_disabled", "POST", ingest, auth);
    checkError("deleteDocument", 403, "admin_disabled", "DELETE", record, auth);

    try (IndexStore store = IndexStore.open(dir.resolve("admin-index"));
        ApiServer admin = adminServer(store, source)) {
      String on = "http://127.0.0.1:" + admin.start("127.0.0.1", 0);
      ApiDocument.Operation status = api.operation("getIngestStatus");
      ApiDocument.Operation start = api.operation("startIngest");
      ApiDocument.Operation delete = api.operation("deleteDocument");
      ApiDocument.Operation jobs = api.operation("getAdminStatus");

      for (String[] wrong :
          List.of(new String[0], new String[] {"Authorization", "Bearer not-the-token-at-all"})) {
        validate(status, "GET", send(on, "GET", ingest, null, wrong), 401, "unauthorised");
        validate(
            jobs, "GET", send(on, "GET", "/api/admin/status", null, wrong), 401, "unauthorised");
        validate(start, "POST", send(on, "POST", ingest, null, wrong), 401, "unauthorised");
        validate(delete, "DELETE", send(on, "DELETE", record, null, wrong), 401, "unauthorised");
      }
      validate(
          status,
          "GET",
          send(on, "GET", ingest + "?token=" + TOKEN, null, auth),
          400,
          "token_in_query");
      validate(start, "POST", send(on, "POST", ingest + "?x=1", null, auth), 400, "token_in_query");
      validate(
          delete, "DELETE", send(on, "DELETE", record + "?x=1", null, auth), 400, "token_in_query");
      validate(status, "GET", send(on, "GET", ingest, null, auth), 200, null);
      validate(status, "HEAD", send(on, "HEAD", ingest, null, auth), 200, null);
      validate(
          jobs, "GET", send(on, "GET", "/api/admin/status?x=1", null, auth), 400, "token_in_query");
      validate(jobs, "GET", send(on, "GET", "/api/admin/status", null, auth), 200, null);

      // An ingest that cannot write the index (the test holds its lock) fails, and says why.
      try (IndexUpdate lock = store.update()) {
        validate(start, "POST", send(on, "POST", ingest, null, auth), 202, null);
        JsonNode failed = awaitIngest(on, auth);
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.has("error")).isTrue();
      }

      // A real ingest; a second start while it runs is a 409.
      validate(start, "POST", send(on, "POST", ingest, null, auth), 202, null);
      boolean refused = false;
      for (int i = 0; i < 20 && !refused; i++) {
        HttpResponse<byte[]> again = send(on, "POST", ingest, null, auth);
        if (again.statusCode() == 409) {
          validate(start, "POST", again, 409, "ingest_running");
          refused = true;
        } else {
          validate(start, "POST", again, 202, null);
        }
      }
      assertThat(refused).as("a start while an ingest runs is refused").isTrue();
      JsonNode finished = awaitIngest(on, auth);
      assertThat(finished.get("state").asText()).isEqualTo("finished");
      assertThat(finished.get("report").get("indexed").asInt()).isGreaterThan(0);
      store.refresh();

      // A delete while the index is being written is a 409; then it deletes, once.
      try (IndexUpdate lock = store.update()) {
        validate(delete, "DELETE", send(on, "DELETE", record, null, auth), 409, "ingest_running");
      }
      validate(delete, "DELETE", send(on, "DELETE", record, null, auth), 200, null);
      store.refresh();
      validate(delete, "DELETE", send(on, "DELETE", record, null, auth), 404, "document_not_found");
      validate(
          delete,
          "DELETE",
          send(on, "DELETE", "/api/admin/documents/", null, auth),
          404,
          "route_not_found");

      // Admin routes never answer a preflight, whatever the allowlist says.
      HttpResponse<byte[]> preflight = send(on, "OPTIONS", ingest, null, "Origin", ALLOWED);
      checkUndocumented(preflight, 403, "cors_refused");
    }
  }

  @Test
  @Order(6)
  void requestsOutsideTheOperationsGetTheDocumentedErrors() throws Exception {
    // The CORS preflight, described in info and by cors_refused.
    HttpResponse<byte[]> allowed =
        send(
            base,
            "OPTIONS",
            "/api/search?q=any&x=y",
            null,
            "Origin",
            ALLOWED,
            "Access-Control-Request-Method",
            "GET");
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    assertThat(header(allowed, "Access-Control-Allow-Methods")).isEqualTo("GET, POST");
    assertThat(allowed.body()).isEmpty();
    checkUndocumented(
        send(base, "OPTIONS", "/api/search", null, "Origin", "https://elsewhere.example"),
        403,
        "cors_refused");
    // A path not in the document.
    checkUndocumented(send(base, "GET", "/no/such/route", null), 404, "route_not_found");
    checkUndocumented(send(base, "GET", "/api/nothing", null), 404, "route_not_found");
    String info = api.root.at("/info/description").asText();
    assertThat(info).contains("cors_refused", "route_not_found", "method_not_allowed", "HEAD");
  }

  @Test
  @Order(7)
  void everyDocumentedStatusAndCodeIsProvoked() {
    List<String> missing = new ArrayList<>();
    for (ApiDocument.Operation op : api.operations().values()) {
      for (var response : op.node().get("responses").properties()) {
        String status = response.getKey();
        if (UNPROVOKED.containsKey(status)) {
          continue;
        }
        Set<String> codes = api.errorCodes(op, Integer.parseInt(status));
        if (codes.isEmpty()) {
          if (!seen.contains(op.id() + " " + status + " -")) {
            missing.add(op.id() + " " + status);
          }
        }
        for (String code : codes) {
          if (!seen.contains(op.id() + " " + status + " " + code)) {
            missing.add(op.id() + " " + status + " " + code);
          }
        }
      }
    }
    assertThat(missing).as("documented but never provoked").isEmpty();
  }

  @Test
  void theCheckFailsWhatItShould() throws Exception {
    // Real answers, changed the ways a server drifts from its document: each must be caught.
    ApiDocument.Operation search = api.operation("search");
    HttpResponse<byte[]> r = get("/api/search?q=workforce&size=2");
    ObjectNode body = (ObjectNode) json(r);
    assertThat(api.problems(search, "GET", ApiDocument.Exchange.of(r))).isEmpty();

    ObjectNode extra = body.deepCopy();
    ((ObjectNode) extra.get("hits").get(0)).put("score", 1.5);
    assertThat(api.problems(search, "GET", exchange(200, extra, "application/json", r)))
        .as("an undocumented field")
        .anyMatch(p -> p.contains("score"));
    ObjectNode missing = body.deepCopy();
    missing.remove("total");
    assertThat(api.problems(search, "GET", exchange(200, missing, "application/json", r)))
        .as("a required field missing")
        .anyMatch(p -> p.contains("total"));
    ObjectNode wrongType = body.deepCopy();
    wrongType.put("page", "1");
    assertThat(api.problems(search, "GET", exchange(200, wrongType, "application/json", r)))
        .as("a field of the wrong type")
        .isNotEmpty();
    assertThat(api.problems(search, "GET", exchange(200, body, "text/plain", r)))
        .as("an undocumented Content-Type")
        .isNotEmpty();
    HttpResponse<byte[]> ris = get("/api/search?q=workforce&format=ris");
    assertThat(
            api.problems(
                search,
                "GET",
                exchange(200, ris.body(), "application/x-research-info-systems", ris)))
        .as("a text format without its charset")
        .isNotEmpty();
    assertThat(api.problems(search, "GET", exchange(201, body, "application/json", r)))
        .as("an undocumented status")
        .isNotEmpty();
    ObjectNode error = (ObjectNode) JSON.readTree(get("/api/search?size=0").body());
    error.put("code", "invalid_limit");
    assertThat(api.problems(search, "GET", exchange(400, error, "application/json", r)))
        .as("an error code this operation does not return")
        .isNotEmpty();
    HttpResponse<byte[]> noTag = get("/api/documents/drivers:ltwp/file", "Range", "bytes=0-9");
    Map<String, List<String>> headers = new HashMap<>(noTag.headers().map());
    headers.remove("content-range");
    assertThat(
            api.problems(
                api.operation("getDocumentFile"),
                "GET",
                new ApiDocument.Exchange(
                    206, HttpHeaders.of(headers, (a, b) -> true), noTag.body())))
        .as("a required header missing")
        .anyMatch(p -> p.contains("Content-Range"));
  }

  private static ApiDocument.Exchange exchange(
      int status, JsonNode body, String contentType, HttpResponse<byte[]> like) throws Exception {
    return exchange(status, JSON.writeValueAsBytes(body), contentType, like);
  }

  private static ApiDocument.Exchange exchange(
      int status, byte[] body, String contentType, HttpResponse<byte[]> like) {
    Map<String, List<String>> headers = new HashMap<>(like.headers().map());
    headers.keySet().removeIf(k -> k.equalsIgnoreCase("Content-Type"));
    headers.put("Content-Type", List.of(contentType));
    return new ApiDocument.Exchange(status, HttpHeaders.of(headers, (a, b) -> true), body);
  }

  // ---------------------------------------------------------------------------- the parameters

  @Test
  void everyDocumentedParameterIsAcceptedAndNoOtherOne() throws Exception {
    Set<String> candidates = new TreeSet<>(SearchParams.known());
    api.operations().values().forEach(op -> candidates.addAll(api.queryParameters(op)));
    candidates.addAll(List.of("zzz", "id", "token", "callback", "limit", "offset"));
    List<String> problems = new ArrayList<>();
    for (ApiDocument.Operation op : api.operations().values()) {
      if (op.path().startsWith("/api/admin")) {
        continue; // they take none: any is token_in_query (adminOperationsAnswerAsDocumented)
      }
      String method = op.method().toUpperCase(Locale.ROOT);
      String path = op.path().replace("{id}", "drivers:ltwp");
      String required = op.id().equals("exportRecords") ? "ids=drivers:ltwp&" : "";
      Set<String> documented = api.queryParameters(op);
      for (JsonNode p : api.parameters(op)) {
        if (!p.get("in").asText().equals("query")) {
          continue;
        }
        String name = p.get("name").asText();
        String value = example(p);
        HttpResponse<byte[]> r =
            send(
                base,
                method,
                path + "?" + (name.equals("ids") ? "" : required) + name + "=" + value,
                null);
        String code = code(r);
        // A documented example must be a good value; a made-up one may be refused, but not as
        // unknown.
        if (p.has("example") ? r.statusCode() != 200 : "unknown_parameter".equals(code)) {
          problems.add(
              op.id() + " " + name + "=" + value + " answered " + r.statusCode() + " " + code);
        }
      }
      for (String name : candidates) {
        if (!documented.contains(name)) {
          HttpResponse<byte[]> r = send(base, method, path + "?" + required + name + "=1", null);
          if (r.statusCode() == 400 && "unknown_parameter".equals(code(r))) {
            validate(op, method, r, 400, "unknown_parameter");
          } else {
            problems.add(op.id() + " accepts undocumented " + name + ": " + r.statusCode());
          }
        }
      }
    }
    // A POST search takes the same names in its body, and no other.
    ApiDocument.Operation post = api.operation("searchWithBody");
    JsonNode body = api.deref(post.node().at("/requestBody/content/application~1json/schema"));
    Set<String> fields = new TreeSet<>();
    body.get("properties").fieldNames().forEachRemaining(fields::add);
    assertThat(fields).isEqualTo(new TreeSet<>(SearchParams.known()));
    assertThat(api.queryParameters(api.operation("search")))
        .containsExactlyInAnyOrderElementsOf(SearchParams.known());
    for (String name : candidates) {
      JsonNode property = body.get("properties").get(name);
      String value = property == null ? "1" : JSON.writeValueAsString(exampleValue(property));
      HttpResponse<byte[]> r =
          send(base, "POST", "/api/search", "{\"" + name + "\":" + value + "}");
      if ((property == null) != "unknown_parameter".equals(code(r))) {
        problems.add(
            "POST body " + name + "=" + value + " answered " + r.statusCode() + " " + code(r));
      }
    }
    assertThat(problems).isEmpty();
  }

  // ---------------------------------------------------------------------- codes, routes, schemas

  @Test
  void theErrorCodesAreTheServers() {
    Map<String, ApiDocument.CodeFacts> catalogue = api.catalogue();
    Map<String, ApiDocument.CodeFacts> server = new TreeMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      server.put(c.code(), new ApiDocument.CodeFacts(c.status(), c.type().value()));
    }
    assertThat(new TreeMap<>(catalogue)).isEqualTo(server);
    assertThat(api.root.at("/components/schemas/Error/properties/type/enum"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ErrorCode.Type.values()).map(ErrorCode.Type::value).toList());
    // Each operation's codes exist and have the status they are documented under.
    Set<String> named = new TreeSet<>();
    for (ApiDocument.Operation op : api.operations().values()) {
      for (var response : op.node().get("responses").properties()) {
        int status = Integer.parseInt(response.getKey());
        for (String code : api.errorCodes(op, status)) {
          assertThat(catalogue).as(op.id() + " names " + code).containsKey(code);
          assertThat(catalogue.get(code).status()).as(op.id() + " " + code).isEqualTo(status);
          named.add(code);
        }
        if (status >= 400) {
          assertThat(api.errorCodes(op, status))
              .as(op.id() + " " + status + " names its codes")
              .isNotEmpty();
        }
      }
    }
    // Every code is some operation's, but cors_refused: the preflight is no operation.
    Set<String> unnamed = new TreeSet<>(catalogue.keySet());
    unnamed.removeAll(named);
    assertThat(unnamed).containsExactly("cors_refused");
  }

  @Test
  void everyRouteIsDocumentedAndEveryOperationIsARoute() {
    Set<String> documented = new TreeSet<>();
    api.operations().values().forEach(op -> documented.add(op.name()));
    Set<String> routes = new TreeSet<>(server.routes());
    routes.removeAll(PAGES);
    assertThat(routes.remove(PREFLIGHT)).isTrue();
    assertThat(routes).isEqualTo(documented);
    assertThat(documented).hasSize(api.operations().size());
  }

  @Test
  void everyObjectTheServerWritesIsClosed() {
    // additionalProperties (false, or a schema for maps) on every object schema, so a field the
    // server adds without documenting it fails publicOperationsAnswerAsDocumented.
    List<String> open = new ArrayList<>();
    for (var schema : api.root.at("/components/schemas").properties()) {
      if (!schema.getKey().equals("OpenApiDocument")) {
        closed(schema.getValue(), "#/components/schemas/" + schema.getKey(), open);
      }
    }
    closed(api.root.get("paths"), "#/paths", open);
    closed(api.root.at("/components/responses"), "#/components/responses", open);
    assertThat(open).as("object schemas without additionalProperties").isEmpty();
  }

  private static void closed(JsonNode node, String where, List<String> open) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        // allOf's overlays only narrow a closed $ref'd schema (an operation's error codes).
        if (!(where.endsWith("/allOf") && !item.has("type") && !item.has("additionalProperties"))) {
          closed(item, where + "/" + i, open);
        }
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    boolean schema = node.has("properties") || "object".equals(node.path("type").asText());
    if (schema && !where.contains("/parameters") && !node.has("additionalProperties")) {
      open.add(where);
    }
    for (var child : node.properties()) {
      if (!child.getKey().equals("example") && !child.getKey().equals("examples")) {
        closed(child.getValue(), where + "/" + child.getKey(), open);
      }
    }
  }

  // ------------------------------------------------------------------------------------- redocly

  @Test
  void redoclyFindsNoErrorAndOnlyJustifiedWarnings() throws Exception {
    Path clients = Project.dir().resolve("src/test/clients");
    Project.require(
        Files.isExecutable(clients.resolve("node_modules/.bin/redocly"))
            && runs("node", "--version"),
        "Redocly CLI needs node and `npm ci` in src/test/clients");
    Path served = dir.resolve("served-openapi.json");
    Files.writeString(served, api.root.toPrettyString());
    Process p =
        new ProcessBuilder("bash", clients.resolve("redocly.sh").toString(), served.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("redocly.sh exit (2: no report)").isIn(0, 1);
    JsonNode report = JSON.readTree(out);
    List<String> errors = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    for (JsonNode problem : report.get("problems")) {
      String what =
          problem.get("ruleId").asText() + " " + problem.at("/location/0/pointer").asText();
      if (problem.get("severity").asText().equals("error")) {
        errors.add(what + ": " + problem.get("message").asText());
      } else {
        warnings.add(what);
      }
    }
    assertThat(errors).isEmpty();
    Set<String> justified = new LinkedHashSet<>();
    for (JsonNode j : api.root.path("x-lint-justifications")) {
      assertThat(j.path("why").asText()).as("a justification says why").hasSizeGreaterThan(20);
      justified.add(j.get("rule").asText() + " " + j.get("pointer").asText());
    }
    assertThat(warnings)
        .as("every warning is justified, every justification used")
        .isEqualTo(justified);
  }

  // ------------------------------------------------------------------------------------- helpers

  private static ApiServer adminServer(IndexStore store, Path source) {
    return Services.server(
        store,
        Services.ServerConfig.builder(source)
            .rateLimit(1_000_000)
            .corsOrigins(List.of(ALLOWED))
            .adminToken(TOKEN)
            .build());
  }

  /** Polls the ingest status (each answer checked) until it is no longer running. */
  private static JsonNode awaitIngest(String on, String[] auth) throws Exception {
    ApiDocument.Operation status = api.operation("getIngestStatus");
    for (int i = 0; i < 600; i++) {
      HttpResponse<byte[]> r = send(on, "GET", "/api/admin/ingest", null, auth);
      validate(status, "GET", r, 200, null);
      JsonNode body = JSON.readTree(r.body());
      if (!body.get("state").asText().equals("running")) {
        return body;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the ingest was still running after 60 s");
  }

  private static void copy(String sample, Path to) throws IOException {
    Path target = to.resolve(sample);
    Files.createDirectories(target.getParent());
    Files.copy(Project.samples().resolve(sample), target);
  }

  /** Sends to the public server and checks the answer against {@code operationId}. */
  private static HttpResponse<byte[]> check(
      String operationId, int status, String method, String target, String... headers) {
    HttpResponse<byte[]> r = send(base, method, target, null, headers);
    validate(api.operation(operationId), method, r, status, null);
    return r;
  }

  private static void checkError(
      String operationId,
      int status,
      String code,
      String method,
      String target,
      String... headers) {
    HttpResponse<byte[]> r = send(base, method, target, null, headers);
    validate(api.operation(operationId), method, r, status, code);
  }

  private static void checkBody(
      String operationId, int status, String code, String target, String body) {
    HttpResponse<byte[]> r = send(base, "POST", target, body, "Content-Type", "application/json");
    validate(api.operation(operationId), "POST", r, status, code);
  }

  private static void validate(
      ApiDocument.Operation op, String method, HttpResponse<byte[]> r, int status, String code) {
    validate(op, method, ApiDocument.Exchange.of(r), status, code);
  }

  /**
   * The answer has the status expected, is as the document says, and (for an error) has the code
   * expected; it is counted as seen.
   */
  private static void validate(
      ApiDocument.Operation op, String method, ApiDocument.Exchange r, int status, String code) {
    String what =
        op.id() + " (" + method + ") answered " + r.status() + " " + ApiDocument.clip(r.text());
    assertThat(r.status()).as(what).isEqualTo(status);
    assertThat(api.problems(op, method, r)).as(what).isEmpty();
    String actual = "-";
    if (status >= 400) {
      actual = code(r.body());
      assertThat(actual).as(what).isEqualTo(code);
    }
    seen.add(op.id() + " " + status + " " + actual);
  }

  /** An answer outside the documented operations: an error of the catalogue, as it says. */
  private static void checkUndocumented(HttpResponse<byte[]> r, int status, String code) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(header(r, "Content-Type")).isEqualTo("application/json");
    assertThat(header(r, "Cache-Control")).contains("no-store");
    JsonNode body = parse(r.body());
    assertThat(api.validate(api.at("#/components/schemas/Error"), body)).isEmpty();
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(api.catalogue().get(code))
        .isEqualTo(new ApiDocument.CodeFacts(status, body.get("type").asText()));
  }

  private static HttpResponse<byte[]> get(String target, String... headers) {
    return send(base, "GET", target, null, headers);
  }

  private static HttpResponse<byte[]> send(
      String on, String method, String target, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(on + target))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(method + " " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request with a header line that is not a header: not HTTP, answered before any route. */
  private static ApiDocument.Exchange raw(String on, String method, String path)
      throws IOException {
    return raw(on, method, path, "Not a header");
  }

  /**
   * A request written on a socket with one extra header line. The server may answer and close
   * before it has read all of an oversized request: a failed write is expected then, and the answer
   * is read all the same (an HTTP client reports the reset instead of the answer).
   */
  private static ApiDocument.Exchange raw(String on, String method, String path, String line)
      throws IOException {
    URI uri = URI.create(on);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(
            (method
                    + " "
                    + path
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + line
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException answeredEarly) {
        // The server stopped reading: its answer is already on the way.
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try {
        in.transferTo(bytes);
      } catch (IOException reset) {
        // A reset after the answer (the rest of the request unread) loses nothing we need.
        if (!bytes.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
          throw reset;
        }
      }
      String all = bytes.toString(StandardCharsets.ISO_8859_1);
      int end = all.indexOf("\r\n\r\n");
      String[] lines = all.substring(0, end).split("\r\n");
      Map<String, List<String>> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers
            .computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
      byte[] body = Arrays.copyOfRange(bytes.toByteArray(), end + 4, bytes.size());
      return new ApiDocument.Exchange(
          Integer.parseInt(lines[0].split(" ")[1]), HttpHeaders.of(headers, (a, b) -> true), body);
    }
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers()
        .firstValue(name)
        .orElseThrow(() -> new AssertionError("no " + name + " header"));
  }

  private static JsonNode json(HttpResponse<byte[]> r) {
    return parse(r.body());
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
    }
  }

  private static String code(HttpResponse<byte[]> r) {
    return code(r.body());
  }

  private static String code(byte[] body) {
    try {
      return JSON.readTree(body).path("code").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** A value for a parameter: its example, else the first value its schema allows. */
  private static String example(JsonNode parameter) {
    JsonNode v =
        parameter.has("example") ? parameter.get("example") : exampleValue(parameter.get("schema"));
    if (v.isArray()) {
      return encode(v.get(0).asText());
    }
    return encode(v.asText());
  }

  private static JsonNode exampleValue(JsonNode schema) {
    JsonNode s = schema.has("oneOf") ? schema.get("oneOf").get(0) : schema;
    s = s.has("items") && s.get("items").isObject() ? s.get("items") : s;
    if (s.has("enum")) {
      return s.get("enum").get(0);
    }
    if (s.has("default")) {
      return s.get("default");
    }
    return switch (s.path("type").asText()) {
      case "boolean" -> JSON.getNodeFactory().booleanNode(true);
      case "integer" -> JSON.getNodeFactory().numberNode(1);
      default -> JSON.getNodeFactory().textNode("x");
    };
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** {@code n} different CJK ideographs: each is a term of its own. */
  private static String cjk(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.appendCodePoint(0x4E00 + i);
    }
    return b.toString();
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
