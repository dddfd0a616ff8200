package org.maptoolkit.search.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.FetchConfig;
import org.maptoolkit.search.ingest.ForkedExtractor;
import org.maptoolkit.search.ingest.HttpFetcher;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.OcrSettings;
import org.maptoolkit.search.ingest.SiteException;
import org.maptoolkit.search.ingest.SiteSettings;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.SourceLocation;
import org.maptoolkit.search.ingest.TextExtractor;
import org.maptoolkit.search.ingest.Vocabulary;
import org.maptoolkit.search.search.DiscoveryService;
import org.maptoolkit.search.search.ResultCache;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.semantic.Embedder;
import org.maptoolkit.search.semantic.SemanticModel;
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
import org.maptoolkit.search.web.Pages;
import org.maptoolkit.search.web.RateLimitFilter;
import org.maptoolkit.search.web.RateLimiter;
import org.maptoolkit.search.web.RequestOrigin;
import org.maptoolkit.search.web.SearchController;

/**
 * Constructor wiring shared by the commands and the benchmark: no framework, no static state.
 *
 * <p>Over 300 lines on purpose: it is the one place where the service is put together, so that
 * every constructor call can be read in one file.
 */
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
    return searchService(store, cacheEntries, SemanticModel.off());
  }

  /** The search service, searching by meaning too with {@code model} once it has loaded. */
  public static SearchService searchService(
      IndexStore store, int cacheEntries, SemanticModel model) {
    return new SearchService(
        store,
        queryAnalyzer(),
        Clock.system(SearchService.ZONE),
        SearchService.DEFAULT_TIMEOUT_MILLIS,
        cacheEntries,
        model);
  }

  /** Whether the index holds passages (it was ingested for semantic search). */
  static boolean hasPassages(IndexStore store) {
    try (IndexStore.Lease lease = store.lease()) {
      return lease.searcher().passages();
    }
  }

  /** The embedding model, loading in the background, or off when {@code enabled} is false. */
  public static SemanticModel semanticModel(boolean enabled) {
    return enabled ? SemanticModel.loading(Embedder.Settings.defaults()) : SemanticModel.off();
  }

  /** The embedding model, to be started (or off when {@code enabled} is false). */
  static SemanticModel deferredModel(boolean enabled) {
    return enabled ? SemanticModel.deferred(Embedder.Settings.defaults()) : SemanticModel.off();
  }

  /**
   * How the server is set up, validated once at start-up. Built by name with {@link #builder}.
   *
   * @param source the folder ingested by admin runs and whose documents are served
   * @param corsOrigins origins allowed to call the API from browsers
   * @param adminToken bearer token for the admin routes; null disables them
   * @param fetchAllowHosts private hosts an admin ingest may fetch documents from
   * @param syncUrl a WordPress site the server follows (synced on a schedule, and by an admin
   *     ingest), or null
   * @param syncInterval the time between the end of one sync and the start of the next
   */
  public record ServerConfig(
      Path source,
      int rateLimitPerMinute,
      List<String> corsOrigins,
      String adminToken,
      Duration commitInterval,
      int cacheEntries,
      Set<String> fetchAllowHosts,
      String publicUrl,
      Set<String> trustedProxies,
      URI syncUrl,
      Duration syncInterval) {
    /** How often a followed site is synced unless configured otherwise. */
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(15);

    /** Results kept for repeated searches and suggestions unless configured otherwise. */
    public static final int DEFAULT_CACHE_ENTRIES = 2_000;

    /** Searches a minute per client unless configured otherwise. */
    public static final int DEFAULT_RATE_LIMIT = 600;

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
      fetchAllowHosts = Set.copyOf(fetchAllowHosts);
      trustedProxies = Set.copyOf(trustedProxies);
      if (syncUrl != null) {
        // The same check as an ingest's SOURCE, with the same message.
        syncUrl = SourceLocation.siteUrl(syncUrl.toString());
      }
      if (syncInterval == null || syncInterval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("the sync interval must be at least 1 second");
      }
      // Checked here, at start-up, with the message the user needs.
      new RequestOrigin(publicUrl, trustedProxies);
    }

    /** A configuration serving {@code source}'s documents, with the defaults for the rest. */
    public static Builder builder(Path source) {
      return new Builder(source);
    }

    /** A configuration for tests and tools: no CORS, no admin, a generous rate limit. */
    static ServerConfig of(Path source) {
      return builder(source).rateLimit(1_000_000).build();
    }

    /** Sets a configuration's values by name. */
    public static final class Builder {
      private final Path source;
      private int rateLimit = DEFAULT_RATE_LIMIT;
      private List<String> corsOrigins = List.of();
      private String adminToken;
      private Duration commitInterval = Ingester.DEFAULT_COMMIT_INTERVAL;
      private int cacheEntries = DEFAULT_CACHE_ENTRIES;
      private Set<String> fetchAllowHosts = Set.of();
      private String publicUrl;
      private Set<String> trustedProxies = Set.of();
      private URI syncUrl;
      private Duration syncInterval = DEFAULT_SYNC_INTERVAL;

      private Builder(Path source) {
        this.source = source;
      }

      public Builder rateLimit(int perMinute) {
        rateLimit = perMinute;
        return this;
      }

      public Builder corsOrigins(List<String> origins) {
        corsOrigins = origins;
        return this;
      }

      public Builder adminToken(String token) {
        adminToken = token;
        return this;
      }

      public Builder commitInterval(Duration interval) {
        commitInterval = interval;
        return this;
      }

      public Builder cacheEntries(int entries) {
        cacheEntries = entries;
        return this;
      }

      public Builder fetchAllowHosts(Set<String> hosts) {
        fetchAllowHosts = hosts;
        return this;
      }

      /** The URL users reach the service at, for absolute links; null to take each request's. */
      public Builder publicUrl(String url) {
        publicUrl = url;
        return this;
      }

      /** Proxies whose forwarding headers are believed, as addresses or ranges. */
      public Builder trustedProxies(Set<String> proxies) {
        trustedProxies = proxies;
        return this;
      }

      /** Follows the WordPress site at {@code url} (null: none), syncing it {@code every}. */
      public Builder sync(URI url, Duration every) {
        syncUrl = url;
        syncInterval = every;
        return this;
      }

      public ServerConfig build() {
        return new ServerConfig(
            source,
            rateLimit,
            corsOrigins,
            adminToken,
            commitInterval,
            cacheEntries,
            fetchAllowHosts,
            publicUrl,
            trustedProxies,
            syncUrl,
            syncInterval);
      }
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
    return new ApiServer(controllers(store, config), new Pages());
  }

  /** The server, counting in its metrics the ingest that ran before it started (or null). */
  static ApiServer server(IndexStore store, ServerConfig config, IngestReport firstIngest) {
    return new ApiServer(controllers(store, config, firstIngest), new Pages());
  }

  /** A running service: its server and, when it follows a site, the schedule of syncs. */
  record Running(ApiServer server, SyncSchedule schedule) implements AutoCloseable {
    @Override
    public void close() {
      // The schedule first: a sync in progress rolls back while the server still answers.
      if (schedule != null) {
        schedule.close();
      }
      server.close();
    }
  }

  /**
   * The service as {@code serve} runs it: the server, counting the ingest that ran before it
   * started (or null), and when {@code config} follows a site, its syncs every {@code
   * config.syncInterval()}, the first after {@code firstSyncAfter}.
   */
  static Running running(
      IndexStore store,
      ServerConfig config,
      SemanticModel model,
      IngestReport firstIngest,
      Instant firstIngestStarted,
      Duration firstSyncAfter) {
    Wiring wiring = wiring(store, config, firstIngest, firstIngestStarted, model);
    ApiServer server = new ApiServer(wiring.controllers(), new Pages());
    return new Running(
        server,
        config.syncUrl() == null
            ? null
            : new SyncSchedule(wiring.jobs(), config.syncInterval(), firstSyncAfter));
  }

  static ApiServer server(IndexStore store, Path source, int rateLimitPerMinute) {
    return server(store, ServerConfig.builder(source).rateLimit(rateLimitPerMinute).build());
  }

  /** Every controller of the service, in registration order. */
  public static List<Controller> controllers(IndexStore store, ServerConfig config) {
    return controllers(store, config, null);
  }

  /**
   * Every controller of the service, with the report of the ingest that ran before it started
   * (counted in the metrics like an admin ingest), or null.
   */
  static List<Controller> controllers(
      IndexStore store, ServerConfig config, IngestReport firstIngest) {
    return wiring(store, config, firstIngest, Instant.now(), SemanticModel.off()).controllers();
  }

  /** The controllers, and the admin jobs among them that a sync schedule drives. */
  private record Wiring(List<Controller> controllers, AdminJobs jobs) {}

  private static Wiring wiring(
      IndexStore store,
      ServerConfig config,
      IngestReport firstIngest,
      Instant firstStarted,
      SemanticModel model) {
    SearchService search = searchService(store, config.cacheEntries(), model);
    RequestOrigin origin = new RequestOrigin(config.publicUrl(), config.trustedProxies());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AdminJobs jobs = new AdminJobs(store, search, config, metrics, model);
    jobs.first(firstIngest, firstStarted);
    DiscoveryService discovery =
        new DiscoveryService(store, Analysis.indexAnalyzer(), config.cacheEntries());
    cacheMetrics(metrics, "search", search::cacheStats);
    cacheMetrics(metrics, "suggest", discovery::cacheStats);
    return new Wiring(
        List.of(
            new ObservabilityController(metrics, store),
            new CorsFilter(config.corsOrigins()),
            new RateLimitFilter(
                new RateLimiter(
                    config.rateLimitPerMinute(),
                    Math.max(10, config.rateLimitPerMinute() / 6),
                    Clock.systemUTC()),
                origin),
            new HealthController(store, search::semanticStatus),
            new OpenApiController(),
            new SearchController(search, origin),
            new DocumentController(search, config.source()),
            new PageController(search, discovery, new Pages(), origin),
            new DiscoveryController(discovery, search),
            new AdminController(jobs, config.adminToken())),
        jobs);
  }

  /**
   * How an ingest run is done.
   *
   * @param prune delete records the source no longer holds
   * @param fetch fetch main documents linked by URL (cached under the index folder)
   */
  record IngestOptions(
      int threads,
      boolean prune,
      boolean fetch,
      Duration commitInterval,
      boolean ocr,
      boolean retryFailed,
      Set<String> fetchAllowHosts,
      Duration siteBackoff,
      SemanticModel semantic) {
    /**
     * Options with OCR on (when Tesseract is installed), failed files not read again, and documents
     * fetched from public addresses only.
     */
    IngestOptions(int threads, boolean prune, boolean fetch, Duration commitInterval) {
      this(threads, prune, fetch, commitInterval, true, false, Set.of());
    }

    /** Options waiting as long as a site's defaults say before asking it again. */
    IngestOptions(
        int threads,
        boolean prune,
        boolean fetch,
        Duration commitInterval,
        boolean ocr,
        boolean retryFailed,
        Set<String> fetchAllowHosts) {
      this(threads, prune, fetch, commitInterval, ocr, retryFailed, fetchAllowHosts, null);
    }

    /** Options without semantic search (keyword only). */
    IngestOptions(
        int threads,
        boolean prune,
        boolean fetch,
        Duration commitInterval,
        boolean ocr,
        boolean retryFailed,
        Set<String> fetchAllowHosts,
        Duration siteBackoff) {
      this(
          threads,
          prune,
          fetch,
          commitInterval,
          ocr,
          retryFailed,
          fetchAllowHosts,
          siteBackoff,
          SemanticModel.off());
    }

    /** The same options, embedding passages with {@code model} once it has loaded. */
    IngestOptions withSemantic(SemanticModel model) {
      return new IngestOptions(
          threads,
          prune,
          fetch,
          commitInterval,
          ocr,
          retryFailed,
          fetchAllowHosts,
          siteBackoff,
          model);
    }

    IngestOptions {
      fetchAllowHosts = Set.copyOf(fetchAllowHosts);
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("--threads must be between 1 and 64, got " + threads);
      }
      if (commitInterval.isNegative() || commitInterval.isZero()) {
        throw new IllegalArgumentException("the commit interval must be positive");
      }
    }
  }

  /** How long Tesseract may take over one page or image. */
  static final int OCR_PAGE_SECONDS = 120;

  /** OCR as the options ask and this machine allows. */
  static OcrSettings ocr(IngestOptions options) {
    return options.ocr()
        ? OcrSettings.detect("tesseract", OCR_PAGE_SECONDS)
        : new OcrSettings(
            null,
            0,
            "OCR was turned off (--no-ocr); ingest without it and with --retry-failed to read scans");
  }

  /** Ingests one source (folder, WordPress export or JSON Lines) into the store. */
  static IngestReport ingest(
      IndexStore store, Path source, IngestOptions options, Ingester.Progress progress)
      throws IOException {
    return ingest(store, new SourceLocation.Local(source), options, progress);
  }

  /**
   * How a live site is read: the defaults, keeping conditional answers under the index, and waiting
   * {@code backoff} before a first retry when given (tests).
   */
  static SiteSettings siteSettings(IndexStore store, Duration backoff) {
    SiteSettings d = SiteSettings.defaults(store.path().resolve("site-cache"));
    return backoff == null
        ? d
        : new SiteSettings(
            d.cacheDir(),
            d.userAgent(),
            d.connectTimeout(),
            d.requestTimeout(),
            d.maxConcurrent(),
            d.minInterval(),
            d.attempts(),
            backoff,
            d.maxRetryAfter(),
            d.maxBytes());
  }

  /**
   * Ingests one source into the store: a folder, a WordPress export or JSON Lines, or a live
   * WordPress site (synced: only what changed is downloaded).
   */
  static IngestReport ingest(
      IndexStore store, SourceLocation location, IngestOptions options, Ingester.Progress progress)
      throws IOException {
    OcrSettings ocr = ocr(options);
    try (TextExtractor extractor =
            new ForkedExtractor(ExtractionLimits.DEFAULT, ocr, options.threads(), 512);
        HttpFetcher fetcher =
            options.fetch()
                ? new HttpFetcher(
                    FetchConfig.defaults(
                        store.path().resolve("fetch-cache"), options.fetchAllowHosts()))
                : null) {
      Ingester ingester =
          new Ingester(
              store,
              extractor,
              Vocabulary.bundled(),
              fetcher,
              new Ingester.Options(
                      options.threads(), options.commitInterval(), options.retryFailed(), ocr)
                  // Waits for the model to load; without one, records are indexed for keywords.
                  .withEmbedder(options.semantic().recordEmbedder().orElse(null)));
      try (Source source = Source.open(location, siteSettings(store, options.siteBackoff()))) {
        return ingester.ingest(source, options.prune(), progress);
      } catch (SiteException e) {
        // The site could not be listed: the run stopped before it changed anything.
        throw new SiteException(
            e.status(),
            "cannot sync " + location + ": " + e.getMessage() + "; the index is as it was");
      }
    }
  }
}
