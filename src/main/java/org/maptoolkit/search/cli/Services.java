package org.maptoolkit.search.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.FetchConfig;
import org.maptoolkit.search.ingest.ForkedExtractor;
import org.maptoolkit.search.ingest.HttpFetcher;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.TextExtractor;
import org.maptoolkit.search.ingest.Vocabulary;
import org.maptoolkit.search.search.DiscoveryService;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.Controller;
import org.maptoolkit.search.web.CorsFilter;
import org.maptoolkit.search.web.DiscoveryController;
import org.maptoolkit.search.web.DocumentController;
import org.maptoolkit.search.web.HealthController;
import org.maptoolkit.search.web.PageController;
import org.maptoolkit.search.web.RateLimitFilter;
import org.maptoolkit.search.web.RateLimiter;
import org.maptoolkit.search.web.SearchController;

/** Constructor wiring shared by the commands: no framework, no static state. */
final class Services {
  private Services() {}

  static Analyzer queryAnalyzer() {
    try {
      return Analysis.queryAnalyzer(Vocabulary.resourceLines("synonyms.txt"));
    } catch (IOException e) {
      throw new IllegalStateException("the bundled synonyms are missing from the jar", e);
    }
  }

  static SearchService searchService(IndexStore store) {
    return new SearchService(store, queryAnalyzer());
  }

  /** The HTTP server with every controller, wired by constructors. */
  static ApiServer server(IndexStore store, Path source, int rateLimitPerMinute) {
    return server(store, source, rateLimitPerMinute, List.of());
  }

  static ApiServer server(
      IndexStore store, Path source, int rateLimitPerMinute, List<String> corsOrigins) {
    List<Controller> all = new java.util.ArrayList<>();
    all.add(new CorsFilter(corsOrigins));
    all.addAll(controllers(store, source, rateLimitPerMinute));
    return new ApiServer(all);
  }

  /** Every controller of the service, in registration order. */
  static List<Controller> controllers(IndexStore store, Path source, int rateLimitPerMinute) {
    SearchService search = searchService(store);
    return List.of(
        new RateLimitFilter(
            new RateLimiter(
                rateLimitPerMinute, Math.max(10, rateLimitPerMinute / 6), Clock.systemUTC())),
        new HealthController(store),
        new SearchController(search),
        new DocumentController(search, source),
        new PageController(search),
        new DiscoveryController(new DiscoveryService(store, Analysis.indexAnalyzer()), search));
  }

  /**
   * How an ingest run is done.
   *
   * @param prune delete records the source no longer holds
   * @param fetch fetch main documents linked by URL (cached under the index folder)
   */
  record IngestOptions(int threads, boolean prune, boolean fetch, Duration commitInterval) {
    IngestOptions {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("--threads must be between 1 and 64, got " + threads);
      }
      if (commitInterval.isNegative() || commitInterval.isZero()) {
        throw new IllegalArgumentException("the commit interval must be positive");
      }
    }
  }

  /** Ingests one source (folder, WordPress export or JSON Lines) into the store. */
  static IngestReport ingest(
      IndexStore store, Path source, IngestOptions options, Ingester.Progress progress)
      throws IOException {
    try (TextExtractor extractor =
            new ForkedExtractor(ExtractionLimits.DEFAULT, options.threads(), 512);
        HttpFetcher fetcher =
            options.fetch()
                ? new HttpFetcher(FetchConfig.defaults(store.path().resolve("fetch-cache")))
                : null) {
      Ingester ingester =
          new Ingester(
              store,
              extractor,
              Vocabulary.bundled(),
              fetcher,
              options.threads(),
              options.commitInterval());
      return ingester.ingest(Source.open(source), options.prune(), progress);
    }
  }
}
