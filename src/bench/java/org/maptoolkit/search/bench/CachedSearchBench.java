package org.maptoolkit.search.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.web.ApiServer;

/**
 * Search and autocomplete as a live service sees them: a stream of requests in which popular
 * searches recur (Zipf-distributed over 2,000 distinct searches, as search logs are), served with
 * the result cache that {@code serve} keeps. Prints the share of requests that repeated a search.
 */
final class CachedSearchBench {
  private final Bench.Config config;
  private final Bench.Wiring wiring;

  CachedSearchBench(Bench.Config config, Bench.Wiring wiring) {
    this.config = config;
    this.wiring = wiring;
  }

  /**
   * @param shapes filters and sorts, cycled over the pool
   * @param pool the distinct searches of the stream
   */
  void run(Path index, List<SearchBench.Request> shapes, List<String> pool, Figures figures)
      throws Exception {
    List<URI> searches = new ArrayList<>();
    List<URI> suggests = new ArrayList<>();
    double warm = Math.min(3, config.seconds());
    try (IndexStore store = IndexStore.open(index);
        ApiServer server = new ApiServer(wiring.controllers(store, true))) {
      int port = server.start("127.0.0.1", 0);
      String base = "http://127.0.0.1:" + port;
      for (int i = 0; i < pool.size(); i++) {
        SearchRequest r = shapes.get(i % shapes.size()).search();
        SearchRequest search = new SearchRequest(pool.get(i), r.filters(), r.sort(), 1, r.size());
        searches.add(URI.create(base + "/api/search?" + SearchBench.request(search).queryString()));
        String prefix = pool.get(i).replace("\"", "");
        prefix = prefix.substring(0, Math.min(prefix.length(), 2 + i % 4));
        suggests.add(
            URI.create(
                base + "/api/suggest?q=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)));
      }
      int[] draws = ZipfStream.draws(pool.size(), 1.0, 4_000_000, 7);
      ThreadLocal<KeepAliveClient> clients =
          ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
      ZipfStream search = new ZipfStream(draws);
      // Warm up as a running service would be: the JIT compiled and the cache filled by traffic.
      search.run(
          8, warm, SearchBench.MAX_CALLS, i -> SearchBench.check(clients.get().get(searches.get(i))));
      for (int c : new int[] {8, 32}) {
        ZipfStream.Window w =
            search.run(
                c,
                config.seconds(),
                SearchBench.MAX_CALLS,
                i -> SearchBench.check(clients.get().get(searches.get(i))));
        config
            .out()
            .printf(
                "HTTP /api/search, cached      c=%-2d %s  (%.0f%% of requests repeated a cached"
                    + " search)%n",
                c, w.stats(), 100 * w.repeatShare());
        figures.put("http_cached_c" + c + "_qps", w.stats().qps());
        figures.put("http_cached_c" + c + "_p50_ms", w.stats().p50Ms());
        figures.put("http_cached_c" + c + "_p99_ms", w.stats().p99Ms());
        figures.put("http_cached_c" + c + "_repeat_share", w.repeatShare());
      }
      ZipfStream suggest = new ZipfStream(draws);
      suggest.run(
          8, warm, SearchBench.MAX_CALLS, i -> SearchBench.check(clients.get().get(suggests.get(i))));
      ZipfStream.Window w =
          suggest.run(
              8,
              config.seconds(),
              SearchBench.MAX_CALLS,
              i -> SearchBench.check(clients.get().get(suggests.get(i))));
      config
          .out()
          .printf(
              "HTTP /api/suggest, cached     c=8  %s  (%.0f%% repeated)%n",
              w.stats(), 100 * w.repeatShare());
      figures.put("suggest_c8_p50_ms", w.stats().p50Ms());
      figures.put("suggest_c8_p99_ms", w.stats().p99Ms());
      figures.put("suggest_c8_repeat_share", w.repeatShare());
    }
  }
}
