package org.maptoolkit.search.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.QueryBuilder;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;

/**
 * Search without the result cache, in layers measured in one run: raw Lucene in process (top ten;
 * with facets and snippets), the service in process, and the service over HTTP at concurrency 1,
 * 8 and 32; then autocomplete over HTTP.
 */
final class SearchBench {
  static final int MAX_CALLS = 2_000_000;

  /** A search as the API takes it, and its query string. */
  record Request(SearchRequest search, String queryString) {}

  private final Bench.Config config;
  private final Analyzer queryAnalyzer;
  private final Bench.Wiring wiring;

  SearchBench(Bench.Config config, Analyzer queryAnalyzer, Bench.Wiring wiring) {
    this.config = config;
    this.queryAnalyzer = queryAnalyzer;
    this.wiring = wiring;
  }

  /** A mix as the API sees it: plain queries, two facet filters, newest first. */
  static List<Request> mix(List<String> queries) {
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      Map<String, List<String>> filters =
          i % 5 == 3
              ? Map.of(
                  "source",
                  List.of("NHS England", "Health Education England"),
                  "year",
                  List.of("2019", "2020", "2021"))
              : Map.of();
      SearchRequest.Sort sort =
          i % 5 == 4 ? SearchRequest.Sort.NEWEST : SearchRequest.Sort.RELEVANCE;
      requests.add(request(new SearchRequest(queries.get(i), filters, sort, 1, 10)));
    }
    return requests;
  }

  /** {@code search} with the query string that asks the API for it. */
  static Request request(SearchRequest search) {
    StringBuilder q =
        new StringBuilder("q=").append(URLEncoder.encode(search.query(), StandardCharsets.UTF_8));
    search
        .filters()
        .forEach(
            (k, vs) ->
                vs.forEach(
                    v ->
                        q.append('&')
                            .append(k)
                            .append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
    if (search.sort() == SearchRequest.Sort.NEWEST) {
      q.append("&sort=newest");
    }
    return new Request(search, q.toString());
  }

  void run(Path index, List<Request> requests, Figures figures) throws Exception {
    try (IndexStore store = IndexStore.open(index)) {
      SearchService service = new SearchService(store, queryAnalyzer);
      RawLucene raw = new RawLucene(store, queryAnalyzer);
      QueryBuilder builder = new QueryBuilder(queryAnalyzer);
      List<Query> parsed =
          requests.stream().map(r -> builder.parse(r.search().query()).query()).toList();
      double warm = Math.min(3, config.seconds());
      // Warm up both paths so the JIT has compiled them before anything is timed.
      LoadRunner.run(
          2, warm, MAX_CALLS, i -> service.search(requests.get(i % requests.size()).search()));
      LoadRunner.run(2, warm, MAX_CALLS, i -> raw.search(parsed.get(i % parsed.size()), true));

      Stats rawPlain =
          LoadRunner.run(
              1, config.seconds(), MAX_CALLS, i -> raw.search(parsed.get(i % parsed.size()), false));
      Stats rawFull =
          LoadRunner.run(
              1, config.seconds(), MAX_CALLS, i -> raw.search(parsed.get(i % parsed.size()), true));
      Stats inProcess =
          LoadRunner.run(
              1,
              config.seconds(),
              MAX_CALLS,
              i -> service.search(requests.get(i % requests.size()).search()));
      config.out().printf("raw Lucene, top 10 only       c=1 %s%n", rawPlain);
      config.out().printf("raw Lucene, facets+snippets   c=1 %s%n", rawFull);
      config
          .out()
          .printf(
              "service in process            c=1 %s  (%.0f%% of raw with facets+snippets)%n",
              inProcess, 100 * inProcess.qps() / rawFull.qps());
      figures.put("raw_lucene_qps_top10", rawPlain.qps());
      figures.put("raw_lucene_qps_facets_snippets", rawFull.qps());
      figures.put("in_process_qps", inProcess.qps());
      figures.put("in_process_vs_raw", inProcess.qps() / rawFull.qps());

      try (ApiServer server = new ApiServer(wiring.controllers(store, false))) {
        int port = server.start("127.0.0.1", 0);
        // A minimal keep-alive client: the JDK's client spent as much CPU as the server did.
        ThreadLocal<KeepAliveClient> clients =
            ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
        List<URI> uris = new ArrayList<>();
        for (Request r : requests) {
          uris.add(URI.create("http://127.0.0.1:" + port + "/api/search?" + r.queryString()));
        }
        LoadRunner.Call call = i -> check(clients.get().get(uris.get(i % uris.size())));
        LoadRunner.run(8, warm, MAX_CALLS, call);
        for (int c : new int[] {1, 8, 32}) {
          // Raw Lucene at c=8 just before HTTP at c=8, so the two see the same machine.
          Stats raw8 =
              c != 8
                  ? null
                  : LoadRunner.run(
                      8,
                      config.seconds(),
                      MAX_CALLS,
                      i -> raw.search(parsed.get(i % parsed.size()), true));
          Stats s = LoadRunner.run(c, config.seconds(), MAX_CALLS, call);
          config.out().printf("HTTP /api/search, no cache    c=%-2d %s%n", c, s);
          figures.put("http_c" + c + "_qps", s.qps());
          figures.put("http_c" + c + "_p50_ms", s.p50Ms());
          figures.put("http_c" + c + "_p99_ms", s.p99Ms());
          if (raw8 != null) {
            config.out().printf("raw Lucene, facets+snippets   c=8  %s%n", raw8);
            config
                .out()
                .printf(
                    "HTTP c=8 is %.0f%% of raw Lucene c=8 with facets and snippets (p99 %.1fx p50);"
                        + " CPU a search: HTTP server %.3f ms, raw %.3f ms%n",
                    100 * s.qps() / raw8.qps(),
                    s.p99Ms() / s.p50Ms(),
                    s.serverCpuMs(),
                    raw8.processCpuMs());
            figures.put("raw_lucene_qps_facets_snippets_c8", raw8.qps());
            figures.put("http_c8_vs_raw_c8", s.qps() / raw8.qps());
            figures.put("http_c8_p99_over_p50", s.p99Ms() / s.p50Ms());
            figures.put("http_c8_server_cpu_ms", s.serverCpuMs());
            figures.put("raw_c8_cpu_ms", raw8.processCpuMs());
          }
          if (c == 1) {
            figures.put("http_c1_vs_raw_facets_snippets", s.qps() / rawFull.qps());
            config
                .out()
                .printf(
                    "HTTP c=1 is %.0f%% of raw Lucene with facets and snippets%n",
                    100 * s.qps() / rawFull.qps());
          }
        }
        List<URI> suggest = new ArrayList<>();
        for (Request r : requests) {
          String prefix = r.search().query().replace("\"", "");
          prefix = prefix.substring(0, Math.min(prefix.length(), 4));
          suggest.add(
              URI.create(
                  "http://127.0.0.1:"
                      + port
                      + "/api/suggest?q="
                      + URLEncoder.encode(prefix, StandardCharsets.UTF_8)));
        }
        Stats s =
            LoadRunner.run(
                8,
                config.seconds(),
                MAX_CALLS,
                i -> check(clients.get().get(suggest.get(i % suggest.size()))));
        config.out().printf("HTTP /api/suggest, no cache   c=8  %s%n", s);
        figures.put("suggest_uncached_c8_p50_ms", s.p50Ms());
        figures.put("suggest_uncached_c8_p99_ms", s.p99Ms());
      }
    }
  }

  static void check(int status) {
    if (status != 200) {
      throw new IllegalStateException("HTTP " + status);
    }
  }
}
