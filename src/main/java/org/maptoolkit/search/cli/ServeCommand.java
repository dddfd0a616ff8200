package org.maptoolkit.search.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.SourceLocation;
import org.maptoolkit.search.semantic.SemanticModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code map-search serve}: the HTTP service, ingesting the sources first when the index is empty.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve search over HTTP. Ingests the source folder (or syncs --sync-url) first when the"
            + " index is empty.")
final class ServeCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin IndexOption index;

  @Option(
      names = "--port",
      defaultValue = "${env:MAP_SEARCH_PORT:-7070}",
      description = "Port (env MAP_SEARCH_PORT; default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "${env:MAP_SEARCH_HOST:-0.0.0.0}",
      description = "Address to listen on (env MAP_SEARCH_HOST; default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--source",
      paramLabel = "DIR",
      defaultValue = "${env:MAP_SEARCH_SOURCE:-samples}",
      description =
          "Folder of pages ingested when the index is empty, and whose documents are served (env MAP_SEARCH_SOURCE; default ${DEFAULT-VALUE}).")
  Path source;

  @Option(
      names = "--cors-origin",
      split = ",",
      paramLabel = "ORIGIN",
      description =
          "An origin allowed to call the API from the browser, e.g. https://intranet.example.nhs.uk"
              + " (repeatable; env MAP_SEARCH_CORS_ORIGINS, comma-separated; default: none).")
  java.util.List<String> corsOrigin = new java.util.ArrayList<>();

  @Option(
      names = "--fetch-allow-host",
      split = ",",
      paramLabel = "HOST",
      description =
          "A host on a private network (or this machine) that ingests may fetch main documents"
              + " from; others resolving to loopback, link-local or private addresses are refused"
              + " (repeatable; env MAP_SEARCH_FETCH_ALLOW_HOSTS, comma-separated).")
  java.util.List<String> fetchAllowHost = new java.util.ArrayList<>();

  @Option(
      names = "--public-url",
      defaultValue = "${env:MAP_SEARCH_PUBLIC_URL}",
      paramLabel = "URL",
      description =
          "The URL users reach the service at, e.g. https://search.example.nhs.uk, for the"
              + " absolute links of feeds, exports and OpenSearch (env MAP_SEARCH_PUBLIC_URL;"
              + " default: each request's own host).")
  String publicUrl;

  @Option(
      names = "--trusted-proxy",
      split = ",",
      paramLabel = "ADDRESS",
      description =
          "A proxy (an address or range such as 10.0.0.0/8) whose Forwarded / X-Forwarded-*"
              + " headers are believed for the public host and the client's address (repeatable;"
              + " env MAP_SEARCH_TRUSTED_PROXIES, comma-separated; default: none).")
  java.util.List<String> trustedProxy = new java.util.ArrayList<>();

  @Option(
      names = "--rate-limit",
      defaultValue = "${env:MAP_SEARCH_RATE_LIMIT:-600}",
      description =
          "Searches a minute allowed per client address, with bursts of a sixth of that"
              + " (env MAP_SEARCH_RATE_LIMIT; default ${DEFAULT-VALUE}).")
  int rateLimit;

  @Option(
      names = "--commit-seconds",
      defaultValue = "5",
      description =
          "How often an admin ingest commits; a crash loses at most this much work (default"
              + " ${DEFAULT-VALUE}).")
  int commitSeconds;

  @Option(
      names = "--rebuild",
      description =
          "Discard the index (even a damaged one) and rebuild it from --source (or --sync-url)"
              + " before serving.")
  boolean rebuild;

  @Option(
      names = "--fetch",
      defaultValue = "${env:MAP_SEARCH_FETCH:-false}",
      description =
          "Fetch main documents linked by URL in the first-start ingest (env MAP_SEARCH_FETCH;"
              + " default ${DEFAULT-VALUE}).")
  boolean fetch;

  @Option(
      names = "--cache-entries",
      defaultValue =
          "${env:MAP_SEARCH_CACHE_ENTRIES:-" + Services.ServerConfig.DEFAULT_CACHE_ENTRIES + "}",
      description =
          "Search results and suggestions kept for repeated requests on the current index; a"
              + " commit empties the cache, 0 turns it off (env MAP_SEARCH_CACHE_ENTRIES; default"
              + " ${DEFAULT-VALUE}).")
  int cacheEntries;

  @Option(
      names = "--sync-url",
      paramLabel = "URL",
      defaultValue = "${env:MAP_SEARCH_SYNC_URL}",
      converter = SiteArgument.class,
      description =
          "A WordPress site to follow, e.g. https://toolkit.example.org/: synced through its REST"
              + " API when the index is empty, then every --sync-minutes while serving, and by"
              + " POST /api/admin/ingest (env MAP_SEARCH_SYNC_URL; default: none).")
  java.net.URI syncUrl;

  @Option(
      names = "--sync-minutes",
      defaultValue = "${env:MAP_SEARCH_SYNC_MINUTES:-15}",
      description =
          "Minutes from the end of one sync of --sync-url to the start of the next (env"
              + " MAP_SEARCH_SYNC_MINUTES; default ${DEFAULT-VALUE}).")
  int syncMinutes;

  // For tests: a schedule in seconds rather than minutes.
  @Option(names = "--sync-seconds", hidden = true)
  Integer syncSeconds;

  @Option(
      names = "--no-semantic",
      description =
          "Keyword search only: do not load the embedding model, and index without passages.")
  boolean noSemantic;

  @Option(
      names = "--refresh-seconds",
      defaultValue = "2",
      description =
          "How often to look for a newer commit by a separate ingest (default ${DEFAULT-VALUE}).")
  int refreshSeconds;

  @Override
  public Integer call() throws Exception {
    validate();
    // Configuration is checked before anything is opened, so a mistake costs no start-up time.
    Services.ServerConfig config =
        Services.ServerConfig.builder(source)
            .rateLimit(rateLimit)
            .corsOrigins(corsOrigins())
            .adminToken(System.getenv("MAP_SEARCH_ADMIN_TOKEN"))
            .commitInterval(Duration.ofSeconds(commitSeconds))
            .cacheEntries(cacheEntries)
            .fetchAllowHosts(fetchAllowHosts())
            .publicUrl(publicUrl)
            .trustedProxies(trustedProxies())
            .sync(syncUrl, syncInterval())
            .build();
    if (rebuild) {
      out().println("Rebuilding " + index.index + " from " + (syncUrl != null ? syncUrl : source));
      IndexStore.recreate(index.index);
    }
    // Set when the server, the index and the model have closed: the JVM halts as soon as its
    // shutdown hooks return, so the hook below waits for this (a model still loading in native
    // code when the JVM halted crashed it).
    CountDownLatch closed = new CountDownLatch(1);
    try {
      try (IndexStore store = IndexStore.open(index.index);
          // Loads in the background once the server answers (or before a first ingest, which needs
          // it): searches are by keyword until it is ready (see /ready).
          SemanticModel model = Services.deferredModel(!noSemantic)) {
        IngestReport firstIngest = null;
        Instant firstStarted = Instant.now();
        if (store.stats().documents() == 0 && syncUrl != null) {
          out().println("Index " + index.index + " is empty: syncing " + syncUrl);
          firstIngest =
              Services.ingest(
                  store,
                  new SourceLocation.Site(syncUrl),
                  firstIngestOptions(true, config, model),
                  new ProgressLine(out()));
          Reports.printSummary(firstIngest, out());
        } else if (store.stats().documents() == 0) {
          if (!Files.isDirectory(source)) {
            // Never a silently empty service.
            throw new IllegalStateException(
                "the index in "
                    + index.index
                    + " is empty and the source folder "
                    + source
                    + " does not exist: give --source DIR or run `map-search ingest` first");
          }
          out().println("Index " + index.index + " is empty: ingesting " + source);
          firstIngest =
              Services.ingest(
                  store, source, firstIngestOptions(fetch, config, model), new ProgressLine(out()));
          Reports.printSummary(firstIngest, out());
        }
        // Picks up commits made by a separate `ingest` run, without a restart.
        // A sync just made waits a full interval; an index made earlier is brought up to date now.
        Duration firstSync = firstIngest != null ? config.syncInterval() : Duration.ZERO;
        try (AutoCloseable refresher = store.autoRefresh(Duration.ofSeconds(refreshSeconds));
            Services.Running running =
                Services.running(store, config, model, firstIngest, firstStarted, firstSync)) {
          int bound = running.server().start(host, port);
          model.start();
          out()
              .printf(
                  "MAP Search serving http://%s:%d/ with %d documents searchable (index: %s)%n",
                  host.equals("0.0.0.0") ? "localhost" : host,
                  bound,
                  store.stats().documents(),
                  index.index.toAbsolutePath());
          if (syncUrl != null) {
            out()
                .printf(
                    "Following %s: synced every %s%n",
                    syncUrl, syncSeconds != null ? syncSeconds + " s" : syncMinutes + " min");
          }
          if (!Main.vectorApi()) {
            out()
                .println(
                    "(Lucene's vector code is off: start Java with --add-modules"
                        + " jdk.incubator.vector for faster search, as ./map-search does)");
          }
          out().flush();
          CountDownLatch stop = new CountDownLatch(1);
          Runtime.getRuntime()
              .addShutdownHook(
                  new Thread(
                      () -> {
                        stop.countDown();
                        try {
                          closed.await(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }));
          stop.await();
        }
      }
    } finally {
      closed.countDown();
    }
    return 0;
  }

  /** How an empty index is filled before serving: 2 threads, embedding with {@code model}. */
  private static Services.IngestOptions firstIngestOptions(
      boolean fetch, Services.ServerConfig config, SemanticModel model) {
    return new Services.IngestOptions(
            2, true, fetch, Ingester.DEFAULT_COMMIT_INTERVAL, true, false, config.fetchAllowHosts())
        .withSemantic(model);
  }

  /** How long a stop waits for the server, index and model to close before the JVM halts. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

  private Duration syncInterval() {
    return syncSeconds != null ? Duration.ofSeconds(syncSeconds) : Duration.ofMinutes(syncMinutes);
  }

  private java.util.Set<String> trustedProxies() {
    java.util.Set<String> all = new java.util.TreeSet<>(trustedProxy);
    String env = System.getenv("MAP_SEARCH_TRUSTED_PROXIES");
    if (env != null && !env.isBlank()) {
      for (String p : env.split(",")) {
        all.add(p.strip());
      }
    }
    return all;
  }

  private java.util.Set<String> fetchAllowHosts() {
    java.util.Set<String> all = new java.util.TreeSet<>(fetchAllowHost);
    String env = System.getenv("MAP_SEARCH_FETCH_ALLOW_HOSTS");
    if (env != null && !env.isBlank()) {
      for (String h : env.split(",")) {
        all.add(h.strip());
      }
    }
    return all;
  }

  private java.util.List<String> corsOrigins() {
    java.util.List<String> all = new java.util.ArrayList<>(corsOrigin);
    String env = System.getenv("MAP_SEARCH_CORS_ORIGINS");
    if (env != null && !env.isBlank()) {
      for (String o : env.split(",")) {
        all.add(o.strip());
      }
    }
    return all;
  }

  private void validate() {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
    }
    if (commitSeconds < 1) {
      throw new IllegalArgumentException("--commit-seconds must be at least 1");
    }
    if (rateLimit < 1) {
      throw new IllegalArgumentException("--rate-limit must be at least 1, got " + rateLimit);
    }
    if (refreshSeconds < 1) {
      throw new IllegalArgumentException("--refresh-seconds must be at least 1");
    }
    if (syncMinutes < 1 || (syncSeconds != null && syncSeconds < 1)) {
      throw new IllegalArgumentException("--sync-minutes must be at least 1");
    }
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
