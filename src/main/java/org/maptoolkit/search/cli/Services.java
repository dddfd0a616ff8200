package org.maptoolkit.search.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import org.maptoolkit.search.search.ResultCache;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.AdminController;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.Controller;
import org.maptoolkit.search.web.CorsFilter;
import org.maptoolkit.search.web.DiscoveryController;
import org.maptoolkit.search.web.DocumentController;
import org.maptoolkit.search.web.HealthController;
import org.maptoolkit.search.web.ObservabilityController;
import org.maptoolkit.search.web.OpenApiController;
import org.maptoolkit.search.web.PageController;
import org.maptoolkit.search.web.RateLimitFilter;
import org.maptoolkit.search.web.RateLimiter;
import org.maptoolkit.search.web.SearchController;

/** Constructor wiring shared by the commands and the benchmark: no framework, no static state. */
public final class Services {
  private Services() {}

  /** The query analyzer with the bundled synonyms. */
  public static Analyzer queryAnalyzer() {
    try {
      return Analysis.queryAnalyzer(Vocabulary.resourceLines("synonyms.txt"));
    } catch (IOException e) {
      throw new IllegalStateException("the bundled synonyms are missing from the jar", e);
    }
  }

  static SearchService searchService(IndexStore store) {
    return searchService(store, 0);
  }

  /** The search service, with a result cache of {@code cacheEntries} (0: none) for a server. */
  static SearchService searchService(IndexStore store, int cacheEntries) {
    return new SearchService(
        store,
        queryAnalyzer(),
        Clock.system(SearchService.ZONE),
        SearchService.DEFAULT_TIMEOUT_MILLIS,
        cacheEntries);
  }

  /**
   * How the server is set up, validated once at start-up.
   *
   * @param source the folder ingested by admin runs and whose documents are served
   * @param corsOrigins origins allowed to call the API from browsers
   * @param adminToken bearer token for the admin routes; null disables them
   */
  public record ServerConfig(
      Path source,
      int rateLimitPerMinute,
      List<String> corsOrigins,
      String adminToken,
      Duration commitInterval,
      int cacheEntries) {
    /** Results kept for repeated searches and suggestions unless configured otherwise. */
    public static final int DEFAULT_CACHE_ENTRIES = 2_000;

    ServerConfig(Path source, int rateLimitPerMinute, List<String> corsOrigins, String adminToken) {
      this(
          source,
          rateLimitPerMinute,
          corsOrigins,
          adminToken,
          Ingester.DEFAULT_COMMIT_INTERVAL,
          DEFAULT_CACHE_ENTRIES);
    }

    public ServerConfig {
      if (cacheEntries < 0 || cacheEntries > 1_000_000) {
        throw new IllegalArgumentException(
            "the cache size must be between 0 (off) and 1000000 entries, got " + cacheEntries);
      }
      if (rateLimitPerMinute < 1) {
        throw new IllegalArgumentException("the rate limit must be at least 1 a minute");
      }
      corsOrigins = List.copyOf(corsOrigins);
      for (String o : corsOrigins) {
        if (!o.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
          throw new IllegalArgumentException(
              "a CORS origin must look like https://host or http://host:port, got '" + o + "'");
        }
      }
      if (adminToken != null && !adminToken.isBlank() && adminToken.length() < 16) {
        throw new IllegalArgumentException("MAP_SEARCH_ADMIN_TOKEN must be at least 16 characters");
      }
    }

    /** A configuration for tests and tools: no CORS, no admin, a generous rate limit. */
    static ServerConfig of(Path source) {
      return new ServerConfig(source, 1_000_000, List.of(), null);
    }
  }

  /** Cache hits and misses as counters, so operators can see how often repeats are served. */
  private static void cacheMetrics(
      MeterRegistry metrics, String cache, java.util.function.Supplier<ResultCache.Stats> stats) {
    FunctionCounter.builder("map_search_cache_hits", stats, s -> s.get().hits())
        .tag("cache", cache)
        .description("Requests answered from the result cache")
        .register(metrics);
    FunctionCounter.builder("map_search_cache_misses", stats, s -> s.get().misses())
        .tag("cache", cache)
        .description("Requests the result cache could not answer")
        .register(metrics);
  }

  /** The HTTP server with every controller, wired by constructors. */
  static ApiServer server(IndexStore store, ServerConfig config) {
    return new ApiServer(controllers(store, config));
  }

  static ApiServer server(IndexStore store, Path source, int rateLimitPerMinute) {
    return server(store, new ServerConfig(source, rateLimitPerMinute, List.of(), null));
  }

  /** Every controller of the service, in registration order. */
  public static List<Controller> controllers(IndexStore store, ServerConfig config) {
    SearchService search = searchService(store, config.cacheEntries());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DiscoveryService discovery =
        new DiscoveryService(store, Analysis.indexAnalyzer(), config.cacheEntries());
    cacheMetrics(metrics, "search", search::cacheStats);
    cacheMetrics(metrics, "suggest", discovery::cacheStats);
    return List.of(
        new ObservabilityController(metrics, store),
        new CorsFilter(config.corsOrigins()),
        new RateLimitFilter(
            new RateLimiter(
                config.rateLimitPerMinute(),
                Math.max(10, config.rateLimitPerMinute() / 6),
                Clock.systemUTC())),
        new HealthController(store),
        new OpenApiController(),
        new SearchController(search),
        new DocumentController(search, config.source()),
        new PageController(search),
        new DiscoveryController(discovery, search),
        new AdminController(
            new AdminJobs(store, search, config.source(), config.commitInterval(), metrics),
            config.adminToken()));
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
