package org.maptoolkit.search.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.QueryBuilder;
import org.maptoolkit.search.web.ApiServer;

/**
 * A BEIR collection ingested as JSON Lines: HTTP against raw Lucene in process doing the same work
 * (top 10 with the exact count; then with facets and snippets too), at concurrency 1 and 8, with
 * the result cache off.
 */
final class BeirBench {
  private final Bench.Config config;
  private final Analyzer queryAnalyzer;
  private final Bench.Wiring wiring;

  BeirBench(Bench.Config config, Analyzer queryAnalyzer, Bench.Wiring wiring) {
    this.config = config;
    this.queryAnalyzer = queryAnalyzer;
    this.wiring = wiring;
  }

  void run(Figures figures) throws Exception {
    Path index = config.work().resolve("index-beir");
    double rate = IngestBench.rate(config.beir().resolve("corpus.jsonl"), index, 2);
    List<String> queries = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(config.beir().resolve("queries.jsonl"))) {
      if (!line.isBlank()) {
        queries.add(json.readTree(line).get("text").asText());
      }
    }
    config
        .out()
        .printf(
            "BEIR %s: ingested at %.0f docs/s; %d queries%n",
            config.beir().getFileName(), rate, queries.size());
    int max = SearchBench.MAX_CALLS;
    double warm = Math.min(3, config.seconds());
    try (IndexStore store = IndexStore.open(index)) {
      RawLucene raw = new RawLucene(store, queryAnalyzer);
      QueryBuilder builder = new QueryBuilder(queryAnalyzer);
      List<Query> parsed = queries.stream().map(q -> builder.parse(q).query()).toList();
      LoadRunner.run(2, warm, max, i -> raw.search(parsed.get(i % parsed.size()), true));
      try (ApiServer server = new ApiServer(wiring.controllers(store, false))) {
        int port = server.start("127.0.0.1", 0);
        List<URI> plain = new ArrayList<>();
        List<URI> full = new ArrayList<>();
        for (String q : queries) {
          String base =
              "http://127.0.0.1:"
                  + port
                  + "/api/search?size=10&q="
                  + URLEncoder.encode(q, StandardCharsets.UTF_8);
          plain.add(URI.create(base + "&facets=false&snippets=false"));
          full.add(URI.create(base));
        }
        ThreadLocal<KeepAliveClient> clients =
            ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
        LoadRunner.Call plainCall =
            i -> SearchBench.check(clients.get().get(plain.get(i % plain.size())));
        LoadRunner.Call fullCall =
            i -> SearchBench.check(clients.get().get(full.get(i % full.size())));
        LoadRunner.run(2, warm, max, fullCall);
        LoadRunner.run(2, warm, max, plainCall);
        Stats rawPlain =
            LoadRunner.run(
                1, config.seconds(), max, i -> raw.search(parsed.get(i % parsed.size()), false));
        Stats httpPlain = LoadRunner.run(1, config.seconds(), max, plainCall);
        Stats rawFull =
            LoadRunner.run(
                1, config.seconds(), max, i -> raw.search(parsed.get(i % parsed.size()), true));
        Stats httpFull = LoadRunner.run(1, config.seconds(), max, fullCall);
        // Eight clients at once: throughput against raw Lucene doing the same work at c=8.
        Stats rawPlain8 =
            LoadRunner.run(
                8, config.seconds(), max, i -> raw.search(parsed.get(i % parsed.size()), false));
        Stats httpPlain8 = LoadRunner.run(8, config.seconds(), max, plainCall);
        Stats rawFull8 =
            LoadRunner.run(
                8, config.seconds(), max, i -> raw.search(parsed.get(i % parsed.size()), true));
        Stats httpFull8 = LoadRunner.run(8, config.seconds(), max, fullCall);
        config.out().printf("BEIR raw Lucene top 10        c=1 %s%n", rawPlain);
        config
            .out()
            .printf(
                "BEIR HTTP top 10, no snippets c=1 %s  (%.0f%% of raw)%n",
                httpPlain, 100 * httpPlain.qps() / rawPlain.qps());
        config.out().printf("BEIR raw facets+snippets      c=1 %s%n", rawFull);
        config
            .out()
            .printf(
                "BEIR HTTP facets+snippets     c=1 %s  (%.0f%% of raw)%n",
                httpFull, 100 * httpFull.qps() / rawFull.qps());
        config.out().printf("BEIR raw Lucene top 10        c=8 %s%n", rawPlain8);
        config
            .out()
            .printf(
                "BEIR HTTP top 10, no snippets c=8 %s  (%.0f%% of raw; p99 %.1fx p50)%n",
                httpPlain8,
                100 * httpPlain8.qps() / rawPlain8.qps(),
                httpPlain8.p99Ms() / httpPlain8.p50Ms());
        config.out().printf("BEIR raw facets+snippets      c=8 %s%n", rawFull8);
        config
            .out()
            .printf(
                "BEIR HTTP facets+snippets     c=8 %s  (%.0f%% of raw; p99 %.1fx p50)%n",
                httpFull8,
                100 * httpFull8.qps() / rawFull8.qps(),
                httpFull8.p99Ms() / httpFull8.p50Ms());
        // The clients share the processors with the server here, so throughput alone charges the
        // server for their HTTP work too; CPU a request says what the server itself costs.
        cpu("top 10, no snippets", rawPlain8, httpPlain8);
        cpu("facets+snippets    ", rawFull8, httpFull8);
        figures.put("beir_raw_cpu_ms_top10_c8", rawPlain8.processCpuMs());
        figures.put("beir_http_server_cpu_ms_top10_c8", httpPlain8.serverCpuMs());
        figures.put("beir_http_client_cpu_ms_top10_c8", httpPlain8.callerCpuMs());
        figures.put("beir_raw_cpu_ms_full_c8", rawFull8.processCpuMs());
        figures.put("beir_http_server_cpu_ms_full_c8", httpFull8.serverCpuMs());
        figures.put("beir_http_client_cpu_ms_full_c8", httpFull8.callerCpuMs());
        figures.put(
            "beir_http_capacity_vs_raw_full_c8",
            rawFull8.processCpuMs() / httpFull8.serverCpuMs());
        figures.put("beir_raw_qps_top10_c8", rawPlain8.qps());
        figures.put("beir_http_qps_top10_c8", httpPlain8.qps());
        figures.put("beir_http_vs_raw_top10_c8", httpPlain8.qps() / rawPlain8.qps());
        figures.put("beir_raw_qps_full_c8", rawFull8.qps());
        figures.put("beir_http_qps_full_c8", httpFull8.qps());
        figures.put("beir_http_vs_raw_full_c8", httpFull8.qps() / rawFull8.qps());
        figures.put("beir_http_c8_p50_ms_full", httpFull8.p50Ms());
        figures.put("beir_http_c8_p99_ms_full", httpFull8.p99Ms());
        figures.put("beir_http_c1_p50_ms_full", httpFull.p50Ms());
        figures.put("beir_raw_qps_top10", rawPlain.qps());
        figures.put("beir_http_qps_top10", httpPlain.qps());
        figures.put("beir_http_vs_raw_top10", httpPlain.qps() / rawPlain.qps());
        figures.put("beir_raw_qps_full", rawFull.qps());
        figures.put("beir_http_qps_full", httpFull.qps());
        figures.put("beir_http_vs_raw_full", httpFull.qps() / rawFull.qps());
        figures.put("beir_http_c1_p50_ms_top10", httpPlain.p50Ms());
        figures.put("beir_http_c1_p99_ms_top10", httpPlain.p99Ms());
      }
    }
  }

  /**
   * Prints what one search cost in CPU at c=8: raw Lucene's (the whole process), and the HTTP
   * server's (the process without its client threads), and so how many searches a second the
   * server's own work allows on these processors against raw Lucene's.
   */
  private void cpu(String what, Stats raw, Stats http) {
    config
        .out()
        .printf(
            "BEIR %s c=8 CPU a search: raw %.3f ms; HTTP server %.3f ms (clients %.3f ms more)"
                + "  (server capacity %.0f%% of raw)%n",
            what,
            raw.processCpuMs(),
            http.serverCpuMs(),
            http.callerCpuMs(),
            100 * raw.processCpuMs() / http.serverCpuMs());
  }
}
