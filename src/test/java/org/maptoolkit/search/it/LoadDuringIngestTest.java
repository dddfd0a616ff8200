package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.TikaExtractor;
import org.maptoolkit.search.ingest.Vocabulary;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.SearchController;

/**
 * 32 concurrent searchers over loopback while ingests add and change documents: zero errors, and
 * every answer matches a committed index state. Bounded: 10 s here ({@code -Dload.seconds=60} for
 * the long form by hand), and at most 20 ingest generations.
 */
class LoadDuringIngestTest {
  private static final int SEARCHERS = 32;
  private static final int BASE = 200;
  private static final int STEP = 50;

  @TempDir Path dir;

  @Test
  void concurrentSearchesDuringIngestsSeeOnlyCommittedStatesAndNeverFail() throws Exception {
    long seconds = Long.getLong("load.seconds", 10);
    Path index = dir.resolve("index");
    ingest(index, generation(0));
    Set<Long> committedTotals = ConcurrentHashMap.newKeySet();
    committedTotals.add((long) BASE);
    List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    List<String> errors = new CopyOnWriteArrayList<>();
    Set<Long> seenTotals = ConcurrentHashMap.newKeySet();
    AtomicLong requests = new AtomicLong();
    try (IndexStore serving = IndexStore.open(index);
        AutoCloseable refresh = serving.autoRefresh(Duration.ofMillis(100));
        ApiServer server =
            new ApiServer(
                List.of(
                    new SearchController(
                        new SearchService(serving, Analysis.queryAnalyzer(List.of())),
                        org.maptoolkit.search.web.RequestOrigin.direct())))) {
      int port = server.start("127.0.0.1", 0);
      URI uri = URI.create("http://127.0.0.1:" + port + "/api/search?q=library&size=10");
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> searchers = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      for (int i = 0; i < SEARCHERS; i++) {
        searchers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      HttpClient http = HttpClient.newHttpClient();
                      while (running.get()) {
                        long start = System.nanoTime();
                        try {
                          HttpResponse<String> r =
                              http.send(
                                  HttpRequest.newBuilder(uri).build(),
                                  HttpResponse.BodyHandlers.ofString());
                          latenciesMicros.add((System.nanoTime() - start) / 1000);
                          requests.incrementAndGet();
                          if (r.statusCode() != 200) {
                            errors.add("status " + r.statusCode());
                            continue;
                          }
                          JsonNode body = json.readTree(r.body());
                          long total = body.get("total").asLong();
                          seenTotals.add(total);
                          if (body.get("hits").size() != Math.min(10, total)) {
                            errors.add("hits " + body.get("hits").size() + " for total " + total);
                          }
                        } catch (Exception e) {
                          errors.add(e.toString());
                        }
                      }
                    }));
      }
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      int generations = 0;
      try (IndexStore writer = IndexStore.open(index)) {
        for (int g = 1; g <= 20 && System.nanoTime() < deadline; g++) {
          // Adds STEP documents and changes the text of every earlier one.
          Path file = generation(g);
          committedTotals.add((long) BASE + (long) STEP * g);
          try (TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT)) {
            new Ingester(writer, extractor, Vocabulary.bundled(), null, 1)
                .ingest(Source.open(file), true, Ingester.Progress.NONE);
          }
          generations = g;
          Thread.sleep(200);
        }
      }
      while (System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      running.set(false);
      for (Thread t : searchers) {
        t.join();
      }
      List<Long> sorted = new ArrayList<>(latenciesMicros);
      Collections.sort(sorted);
      System.out.printf(
          "load: %d searchers, %d s, %d requests (%.0f/s), p50 %.2f ms, p99 %.2f ms, %d ingest"
              + " generations, totals seen %s, %d errors%n",
          SEARCHERS,
          seconds,
          requests.get(),
          requests.get() / (double) seconds,
          sorted.get(sorted.size() / 2) / 1000.0,
          sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
          generations,
          new java.util.TreeSet<>(seenTotals),
          errors.size());

      assertThat(errors).isEmpty();
      assertThat(generations).isPositive();
      assertThat(committedTotals).containsAll(seenTotals);
      assertThat(seenTotals).hasSizeGreaterThan(1);
    }
  }

  private static void ingest(Path index, Path file) throws IOException {
    try (IndexStore store = IndexStore.open(index);
        TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT)) {
      new Ingester(store, extractor, Vocabulary.bundled(), null, 1)
          .ingest(Source.open(file), true, Ingester.Progress.NONE);
    }
  }

  private Path generation(int g) throws IOException {
    Path file = dir.resolve("gen-" + g + ".jsonl");
    try (Writer out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < BASE + STEP * g; i++) {
        out.write(
            "{\"_id\":\"d%d\",\"title\":\"Library plan %d\",\"text\":\"library knowledge service revision %d\"}\n"
                .formatted(i, i, g));
      }
    }
    return file;
  }
}
