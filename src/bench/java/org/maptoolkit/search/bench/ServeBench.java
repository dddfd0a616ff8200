package org.maptoolkit.search.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@code serve} in its own JVM on the benchmark index, as the launcher does, twice: the first
 * start writes the class-data-sharing archive (as a deployment's first start would), the second is
 * timed to its first answered search; then resident memory is read under load.
 */
final class ServeBench {
  private final Bench.Config config;

  ServeBench(Bench.Config config) {
    this.config = config;
  }

  void run(Path index, List<String> queries, Figures figures) throws Exception {
    if (config.jar() == null || !Files.isRegularFile(config.jar())) {
      config
          .out()
          .println("serve start-up: skipped (no " + config.jar() + "; run ./mvnw package first)");
      return;
    }
    Path archive = config.work().resolve("map-search.jsa");
    Served first = serve(index, archive, queries);
    first.process().destroy();
    first.process().waitFor();
    Served second = serve(index, archive, queries);
    try {
      if (second.port() < 0) {
        config.out().println("serve start-up: the server did not start");
        return;
      }
      HttpClient http = HttpClient.newHttpClient();
      List<URI> uris = new ArrayList<>();
      for (String q : queries) {
        uris.add(
            URI.create(
                "http://127.0.0.1:"
                    + second.port()
                    + "/api/search?q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8)));
      }
      LoadRunner.run(
          8, config.seconds(), SearchBench.MAX_CALLS, i -> get(http, uris.get(i % uris.size())));
      long rssKb = rssKb(second.process().pid());
      config
          .out()
          .printf(
              "serve: start to first answered search %.2f s (first start, writing the CDS archive:"
                  + " %.2f s); resident memory after load %d MB (heap limit 512 MB)%n",
              second.readySeconds(), first.readySeconds(), rssKb / 1024);
      figures.put("serve_ready_s", second.readySeconds());
      figures.put("serve_first_start_s", first.readySeconds());
      figures.put("serve_rss_mb", rssKb / 1024);
    } finally {
      second.process().destroy();
      second.process().waitFor();
    }
  }

  /** A started server: its process, port, and seconds from start to first answered search. */
  private record Served(Process process, int port, double readySeconds) {}

  private Served serve(Path index, Path archive, List<String> queries) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    long start = System.nanoTime();
    Process serve =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "--add-modules",
                "jdk.incubator.vector",
                "-XX:SharedArchiveFile=" + archive,
                "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-jar",
                config.jar().toString(),
                "serve",
                "--index",
                index.toString(),
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--rate-limit",
                "100000000")
            .redirectErrorStream(true)
            .start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    Pattern serving = Pattern.compile("serving http://127.0.0.1:(\\d+)/");
    int port = -1;
    String line;
    while ((line = lines.readLine()) != null) {
      Matcher m = serving.matcher(line);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
        break;
      }
    }
    Thread.ofPlatform().daemon().start(() -> lines.lines().forEach(l -> {}));
    if (port < 0) {
      return new Served(serve, -1, 0);
    }
    HttpClient http = HttpClient.newHttpClient();
    URI first =
        URI.create(
            "http://127.0.0.1:"
                + port
                + "/api/search?q="
                + URLEncoder.encode(queries.getFirst().replace("\"", ""), StandardCharsets.UTF_8));
    while (status(http, first) != 200) {
      Thread.sleep(5);
    }
    return new Served(serve, port, (System.nanoTime() - start) / 1e9);
  }

  private static void get(HttpClient http, URI uri) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode() + " for " + uri);
    }
  }

  private static int status(HttpClient http, URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
