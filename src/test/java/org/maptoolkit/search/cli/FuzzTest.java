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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.ErrorCode;

/**
 * Hostile and random requests to every public route and parameter: never a 500, never a hang (each
 * answer within 10 s), every error a documented code, protected content never shown.
 */
class FuzzTest {
  static final Set<String> CODES =
      Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
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
  static final List<String> PARAMS =
      List.of(
          "q",
          "source",
          "audience",
          "type",
          "year",
          "review",
          "from",
          "to",
          "updated_from",
          "updated_to",
          "sort",
          "page",
          "size",
          "facets",
          "snippets",
          "format",
          "limit",
          "ids",
          "cursor",
          "zzz");
  static final List<String> ROUTES =
      List.of(
          "/api/search",
          "/api/suggest",
          "/api/export",
          "/api/documents/%s",
          "/api/documents/%s/similar",
          "/api/documents/%s/related",
          "/api/documents/%s/file",
          "/documents/%s",
          "/",
          "/opensearch.xml");

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
      for (int i = 0; i < 600; i++) {
        String route = ROUTES.get(random.nextInt(ROUTES.size()));
        String value = NASTY.get(random.nextInt(NASTY.size()));
        String path =
            route.contains("%s")
                ? String.format(
                    route,
                    URLEncoder.encode(value.isEmpty() ? "x" : value, StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                : route;
        StringBuilder query = new StringBuilder();
        int n = random.nextInt(4);
        for (int p = 0; p < n; p++) {
          String v =
              random.nextBoolean()
                  ? NASTY.get(random.nextInt(NASTY.size()))
                  : String.valueOf(random.nextInt(Integer.MAX_VALUE));
          query
              .append(p == 0 ? "?" : "&")
              .append(PARAMS.get(random.nextInt(PARAMS.size())))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        URI uri;
        try {
          uri = URI.create(base + path + query);
        } catch (IllegalArgumentException e) {
          continue;
        }
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        requests++;
        int status = r.statusCode();
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
          failures.add(status + " " + uri);
        } else if (status >= 400 && type.startsWith("application/json")) {
          JsonNode body = json.readTree(r.body());
          if (!body.has("code")
              || !CODES.contains(body.get("code").asText())
              || !body.has("message")
              || !body.has("type")) {
            failures.add("undocumented error " + r.body() + " for " + uri);
          }
        } else if (status >= 400 && !type.startsWith("application/json")) {
          failures.add("non-JSON error " + status + " " + type + " for " + uri);
        }
        if ((r.body().contains("PLOVERTON") && !uri.toString().contains("PLOVERTON"))
            || r.body().contains("481 226 907")) {
          failures.add("protected content in " + uri);
        }
      }
      // A POST body fuzzed the same way.
      for (String value : NASTY) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/search"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(value))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        requests++;
        if (r.statusCode() >= 500) {
          failures.add(r.statusCode() + " for POST body " + value);
        }
      }
    }
    System.out.printf("fuzz: %d requests, %d failures%n", requests, failures.size());
    assertThat(failures).isEmpty();
  }
}
