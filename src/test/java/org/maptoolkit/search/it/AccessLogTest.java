package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}, with the logging configuration it ships with (the tests' own quieter one left off
 * its class path), writes one access line per request: method, route pattern, status and time, and
 * never the words searched for.
 */
class AccessLogTest {
  @TempDir Path dir;

  @Test
  void serveWritesOneAccessLinePerRequestWithoutTheQuery() throws Exception {
    Path index = ServeProcess.ingestedFixture(dir);
    // The production class path: the tests' resources hold a logging configuration of their own.
    String classPath =
        String.join(
            File.pathSeparator,
            Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .toList());
    Process serve = ServeProcess.start(index, classPath, dir, "--no-semantic");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
              }
            });
    reader.start();
    try {
      String port = null;
      for (String line; port == null && (line = lines.poll(60, TimeUnit.SECONDS)) != null; ) {
        Matcher m = Pattern.compile("serving http://127.0.0.1:(\\d+)/").matcher(line);
        port = m.find() ? m.group(1) : null;
      }
      assertThat(port).as("serve printed where it serves").isNotNull();
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      int ok =
          client
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/api/search?q=ospreysecretword"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
      int missing =
          client
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/api/documents/nope")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
      assertThat(ok).isEqualTo(200);
      assertThat(missing).isEqualTo(404);

      List<String> access = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (access.size() < 2 && System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null && line.contains(" access ")) {
          access.add(line);
        }
      }
      assertThat(access).hasSize(2);
      assertThat(access.get(0))
          .matches(".* INFO access - method=GET route=/api/search status=200 ms=\\d+\\.\\d\\d");
      assertThat(access.get(1))
          .matches(
              ".* INFO access - method=GET route=/api/documents/\\{id} status=404 ms=\\d+\\.\\d\\d");
      assertThat(String.join("\n", access))
          .doesNotContain("ospreysecretword")
          .doesNotContain("nope");
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
