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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.web.ApiServer;

/**
 * Hostile and random requests to every GET operation of the served /openapi.json, with its
 * documented parameters and one no operation takes, and to the pages: never a 500, never a hang
 * (each answer within 10 s), every answer one the document gives for that operation (status,
 * Content-Type, body; an error's code among those the operation documents), every error of a page a
 * code of the document's catalogue, protected content never shown.
 */
class FuzzTest {
  static final List<String> NASTY =
      List.of(
          "",
          " ",
          "*",
          "?",
          "*:*",
          "*ward",
          "/.*/",
          "/(a+)+b/",
          "a~999",
          "\"",
          "\"\"\"",
          "(((",
          ")))",
          "AND",
          "OR NOT",
          "title:",
          "source:(",
          "\\",
          "%",
          "%00",
          "\u0000",
          "é",
          "漢字",
          "🙂",
          "\uD800",
          "' OR 1=1 --",
          "<script>alert(1)</script>",
          "../../../etc/passwd",
          "${jndi:ldap://x}",
          "{\"a\":1}",
          "-1",
          "0",
          "2147483648",
          "99999999999999999999",
          "1e9",
          "NaN",
          "null",
          "a".repeat(501),
          "a ".repeat(2000),
          "x*".repeat(300),
          "a OR ".repeat(600) + "b",
          "title:a* OR title:b* OR title:c*",
          "[a TO z]",
          "{* TO *}",
          "PLOVERTON",
          "QUILLSBY");

  /** Pages for people, not API (not in the document): their errors are catalogue codes. */
  static final List<String> PAGES = List.of("/documents/{id}", "/");

  /** A parameter no operation takes. */
  static final String UNDOCUMENTED = "zzz";

  @RegisterExtension static final SamplesIndex SAMPLES = new SamplesIndex();

  @Test
  void noRequestBreaksTheServer() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ObjectMapper json = new ObjectMapper();
    Random random = new Random(20261124);
    List<String> failures = new ArrayList<>();
    int requests = 0;
    try (ApiServer server =
        Services.server(SAMPLES.store(), Services.ServerConfig.of(Project.samples()))) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      ApiDocument api = ApiDocument.fetch(http, base);
      // What to fuzz comes from the document: its GET operations and their parameters.
      List<ApiDocument.Operation> operations = new ArrayList<>();
      Set<String> names = new TreeSet<>();
      for (ApiDocument.Operation op : api.operations().values()) {
        names.addAll(api.queryParameters(op));
        if (op.method().equals("get")) {
          operations.add(op);
        }
      }
      assertThat(operations).hasSizeGreaterThan(10);
      assertThat(names).contains("q", "size", "ids", "limit", "bom").doesNotContain(UNDOCUMENTED);
      names.add(UNDOCUMENTED);
      List<String> params = List.copyOf(names);
      Set<String> catalogue = api.catalogue().keySet();
      for (int i = 0; i < 600; i++) {
        int pick = random.nextInt(operations.size() + PAGES.size());
        ApiDocument.Operation op = pick < operations.size() ? operations.get(pick) : null;
        String route = op != null ? op.path() : PAGES.get(pick - operations.size());
        String value = NASTY.get(random.nextInt(NASTY.size()));
        String path =
            route.replace(
                "{id}",
                URLEncoder.encode(value.isEmpty() ? "x" : value, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        StringBuilder query = new StringBuilder();
        int n = random.nextInt(4);
        for (int p = 0; p < n; p++) {
          String v =
              random.nextBoolean()
                  ? NASTY.get(random.nextInt(NASTY.size()))
                  : String.valueOf(random.nextInt(Integer.MAX_VALUE));
          query
              .append(p == 0 ? "?" : "&")
              .append(params.get(random.nextInt(params.size())))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        URI uri;
        try {
          uri = URI.create(base + path + query);
        } catch (IllegalArgumentException e) {
          continue;
        }
        HttpResponse<byte[]> r =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        requests++;
        int status = r.statusCode();
        String type = r.headers().firstValue("Content-Type").orElse("");
        String text = new String(r.body(), StandardCharsets.UTF_8);
        if (status >= 500) {
          failures.add(status + " " + uri);
        } else if (op != null) {
          for (String problem : api.problems(op, "GET", ApiDocument.Exchange.of(r))) {
            failures.add(op.id() + " " + uri + ": " + problem);
          }
        } else if (status >= 400 && type.startsWith("application/json")) {
          JsonNode body = json.readTree(text);
          if (!api.validate(api.at("#/components/schemas/Error"), body).isEmpty()
              || !catalogue.contains(body.path("code").asText())) {
            failures.add("undocumented error " + text + " for " + uri);
          }
        } else if (status >= 400) {
          failures.add("non-JSON error " + status + " " + type + " for " + uri);
        }
        if ((text.contains("PLOVERTON") && !uri.toString().contains("PLOVERTON"))
            || text.contains("481 226 907")) {
          failures.add("protected content in " + uri);
        }
      }
      // A POST body fuzzed the same way, each answer one searchWithBody documents.
      ApiDocument.Operation post = api.operation("searchWithBody");
      for (String value : NASTY) {
        HttpResponse<byte[]> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/search"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(value))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        requests++;
        if (r.statusCode() >= 500) {
          failures.add(r.statusCode() + " for POST body " + value);
        }
        for (String problem : api.problems(post, "POST", ApiDocument.Exchange.of(r))) {
          failures.add("POST body " + value + ": " + problem);
        }
      }
    }
    System.out.printf("fuzz: %d requests, %d failures%n", requests, failures.size());
    assertThat(failures).isEmpty();
  }
}
