package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.web.ApiServer;

/**
 * Keeps /openapi.json true: every documented operation is called with its documented examples and
 * answers with a documented status and the documented required fields; every documented query
 * parameter is accepted; and every registered API route is documented.
 */
class OpenApiTest {
  static final String TOKEN = "openapi-test-admin-token";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Pages for people, not API: documented in the README instead. */
  static final List<String> PAGES =
      List.of("GET /", "GET /documents/{id}", "GET /embed", "GET /embed.html", "GET /favicon.ico");

  @TempDir Path dir;

  @Test
  void theDocumentMatchesTheServer() throws Exception {
    Path index = dir.resolve("index");
    assertThat(
            Main.run(
                "ingest", Project.samples().toString(), "--index", index.toString(), "--no-fetch"))
        .isZero();
    try (IndexStore store = IndexStore.open(index);
        ApiServer server =
            Services.server(
                store,
                Services.ServerConfig.builder(Project.samples())
                    .rateLimit(1_000_000)
                    .adminToken(TOKEN)
                    .build())) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      JsonNode api = JSON.readTree(send("GET", base + "/openapi.json", null, false).body());

      TreeSet<String> documented = new TreeSet<>();
      List<String[]> later = new ArrayList<>();
      for (var path : api.get("paths").properties()) {
        for (var op : path.getValue().properties()) {
          String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
          documented.add(method + " " + path.getKey());
          if (method.equals("DELETE")) {
            later.add(new String[] {method, path.getKey()});
            continue;
          }
          check(api, base, method, path.getKey(), op.getValue());
        }
      }
      waitForIngest(base);
      for (String[] op : later) {
        check(
            api,
            base,
            op[0],
            op[1],
            api.get("paths").get(op[1]).get(op[0].toLowerCase(java.util.Locale.ROOT)));
      }

      List<String> undocumented = new ArrayList<>();
      for (String route : server.routes()) {
        if (!route.startsWith("OPTIONS ")
            && !PAGES.contains(route)
            && !documented.contains(route)) {
          undocumented.add(route);
        }
      }
      assertThat(undocumented).as("routes missing from openapi.json").isEmpty();
      assertThat(server.routes()).containsAll(documented);
    }
  }

  private static void check(JsonNode api, String base, String method, String path, JsonNode op)
      throws Exception {
    String url = base + path.replace("{id}", "drivers:ltwp") + "?" + query(op);
    if (op.has("x-example")) {
      url = base + path + "?" + op.get("x-example").asText();
    }
    String body = null;
    if (op.has("requestBody")) {
      body = op.get("requestBody").get("content").get("application/json").get("example").toString();
    }
    boolean admin = path.startsWith("/api/admin");
    HttpResponse<String> response = send(method, url.replaceAll("\\?$", ""), body, admin);
    String name = method + " " + path;
    assertThat(op.get("responses").has(String.valueOf(response.statusCode())))
        .as(name + " answered " + response.statusCode() + ": " + response.body())
        .isTrue();
    JsonNode documented =
        op.get("responses")
            .get(String.valueOf(response.statusCode()))
            .path("content")
            .path("application/json")
            .path("schema");
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!documented.isMissingNode() && type.startsWith("application/json")) {
      JsonNode schema = resolve(api, documented);
      JsonNode actual = JSON.readTree(response.body());
      for (JsonNode required : schema.path("required")) {
        assertThat(actual.has(required.asText())).as(name + " has " + required.asText()).isTrue();
      }
    }
    // Every documented query parameter is known to the server (a bad value may still be refused).
    for (JsonNode p : op.path("parameters")) {
      if (p.get("in").asText().equals("query")) {
        String one =
            base
                + path.replace("{id}", "drivers:ltwp")
                + "?"
                + p.get("name").asText()
                + "="
                + example(p);
        HttpResponse<String> r =
            send(
                method.equals("DELETE") ? "GET" : method,
                one,
                method.equals("POST") ? "{}" : null,
                admin);
        assertThat(r.body())
            .as(name + " accepts " + p.get("name").asText())
            .doesNotContain("unknown_parameter");
      }
    }
  }

  private static String query(JsonNode op) {
    List<String> parts = new ArrayList<>();
    for (JsonNode p : op.path("parameters")) {
      if (p.get("in").asText().equals("query") && p.has("example")) {
        parts.add(
            p.get("name").asText()
                + "="
                + URLEncoder.encode(p.get("example").asText(), StandardCharsets.UTF_8));
      }
    }
    return String.join("&", parts);
  }

  private static String example(JsonNode p) {
    if (p.has("example")) {
      return URLEncoder.encode(p.get("example").asText(), StandardCharsets.UTF_8);
    }
    JsonNode schema = p.get("schema");
    if (schema.has("enum")) {
      return schema.get("enum").get(0).asText();
    }
    return switch (schema.path("type").asText()) {
      case "boolean" -> "true";
      case "integer" -> "1";
      default -> "x";
    };
  }

  private static JsonNode resolve(JsonNode api, JsonNode schema) {
    if (schema.has("$ref")) {
      String[] ref = schema.get("$ref").asText().substring(2).split("/");
      JsonNode node = api;
      for (String part : ref) {
        node = node.get(part);
      }
      return node;
    }
    return schema;
  }

  private static void waitForIngest(String base) throws Exception {
    String state = "";
    for (int i = 0; i < 600; i++) {
      JsonNode status = JSON.readTree(send("GET", base + "/api/admin/ingest", null, true).body());
      state = status.get("state").asText();
      if (!state.equals("running")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the admin ingest was still " + state + " after 60 s");
  }

  private static HttpResponse<String> send(String method, String url, String body, boolean admin)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (admin) {
      b.header("Authorization", "Bearer " + TOKEN);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
