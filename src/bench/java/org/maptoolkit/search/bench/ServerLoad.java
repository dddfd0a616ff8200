package org.maptoolkit.search.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code map-search bench load}: times a server that is already running (ours or another) from a
 * separate JVM, as the Solr comparison script does: {@code java.net.http} clients on keep-alive
 * connections cycling through a BEIR collection's queries, and the server's CPU per request read
 * from {@code /proc/PID/stat}. Run two servers side by side and alternate for before/after ratios.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description =
        "Search a running server with N clients for S seconds; print QPS, p50, p99 and the"
            + " server's CPU per request.")
final class ServerLoad implements Callable<Integer> {
  @Option(names = "--url", required = true, description = "The server, e.g. http://127.0.0.1:7070.")
  String url;

  @Option(
      names = "--params",
      defaultValue = "&size=10",
      description = "Added to every /api/search?q=... request (default ${DEFAULT-VALUE}).")
  String params;

  @Option(
      names = "--seconds",
      defaultValue = "10",
      description = "How long to measure (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--clients",
      defaultValue = "1",
      description = "Concurrent clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--pid",
      defaultValue = "0",
      description = "The server's process id, for its CPU per request (Linux; 0: not measured).")
  long pid;

  @Option(
      names = "--queries",
      defaultValue = "../shared/evaldata/scifact/queries.jsonl",
      description = "BEIR queries, one JSON object a line (default ${DEFAULT-VALUE}).")
  Path queries;

  @Option(
      names = "--warm",
      defaultValue = "200",
      description = "Requests each client sends before measuring (default ${DEFAULT-VALUE}).")
  int warm;

  @Override
  public Integer call() throws Exception {
    List<URI> requests = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(queries)) {
      if (!line.isBlank()) {
        String text = json.readTree(line).get("text").asText();
        requests.add(
            URI.create(
                url + "/api/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + params));
      }
    }
    CyclicBarrier start = new CyclicBarrier(clients + 1);
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> runs = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c * 37;
      runs.add(pool.submit(() -> client(requests, first, start, errors)));
    }
    start.await();
    long cpu = cpuTicks();
    long began = System.nanoTime();
    long[] all = new long[0];
    for (Future<long[]> run : runs) {
      long[] one = run.get();
      long[] both = Arrays.copyOf(all, all.length + one.length);
      System.arraycopy(one, 0, both, all.length, one.length);
      all = both;
    }
    double elapsed = (System.nanoTime() - began) / 1e9;
    cpu = cpuTicks() - cpu;
    pool.shutdown();
    Arrays.sort(all);
    int n = all.length;
    long p50 = all[Math.max(0, (int) Math.ceil(0.50 * n) - 1)];
    long p99 = all[Math.max(0, (int) Math.ceil(0.99 * n) - 1)];
    System.out.printf(
        Locale.ROOT,
        "c=%d %s: %d requests, QPS=%.0f p50=%.3f ms p99=%.3f ms p99/p50=%.1f%s errors=%d%n",
        clients,
        params,
        n,
        n / elapsed,
        p50 / 1e6,
        p99 / 1e6,
        (double) p99 / p50,
        pid > 0 ? String.format(Locale.ROOT, " server CPU=%.3f ms/req", cpu * 10.0 / n) : "",
        errors.get());
    return errors.get() == 0 ? 0 : 1;
  }

  /** One client: warms up, waits for the others, then times its requests until the end. */
  private long[] client(List<URI> requests, int first, CyclicBarrier start, AtomicInteger errors)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    int next = first;
    for (int i = 0; i < warm; i++) {
      send(http, requests.get(next++ % requests.size()));
    }
    start.await();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long[] latencies = new long[1 << 16];
    int n = 0;
    while (System.nanoTime() < end) {
      long began = System.nanoTime();
      if (!send(http, requests.get(next++ % requests.size()))) {
        errors.incrementAndGet();
      }
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = System.nanoTime() - began;
    }
    return Arrays.copyOf(latencies, n);
  }

  /** Sends one search and reads the whole answer; true when it was a 200. */
  private static boolean send(HttpClient http, URI uri) throws Exception {
    HttpResponse<byte[]> response =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    return response.statusCode() == 200;
  }

  /** The server's user + system CPU in clock ticks (10 ms each), 0 when not measured. */
  private long cpuTicks() throws IOException {
    if (pid <= 0) {
      return 0;
    }
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
