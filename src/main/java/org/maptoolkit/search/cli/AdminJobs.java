package org.maptoolkit.search.cli;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.index.IndexUnavailableException;
import org.maptoolkit.search.index.IndexUpdate;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.SourceLocation;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.semantic.SemanticModel;
import org.maptoolkit.search.web.AdminOperations;
import org.maptoolkit.search.web.ApiException;
import org.maptoolkit.search.web.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the admin operations: one ingest at a time, of the source folder or, when the server follows
 * a site, a sync of that site (started by an admin, or by the schedule); deletions; and the status
 * of both, with their metrics.
 */
final class AdminJobs implements AdminOperations {
  private static final Logger LOG = LoggerFactory.getLogger(AdminJobs.class);

  private final IndexStore store;
  private final SearchService search;
  private final Services.ServerConfig config;
  private final SourceLocation location;
  private final MeterRegistry metrics;
  // Null unless the server follows a site.
  private final SyncLog sync;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();
  // Guarded by this.
  private boolean running;
  private String state = "idle";
  private String trigger;
  private final SemanticModel model;
  private Instant startedAt;
  private Instant finishedAt;
  private IngestReport report;
  private String error;

  AdminJobs(
      IndexStore store,
      SearchService search,
      Services.ServerConfig config,
      MeterRegistry metrics,
      SemanticModel model) {
    this.model = model;
    this.store = store;
    this.search = search;
    this.config = config;
    this.metrics = metrics;
    this.location =
        config.syncUrl() != null
            ? new SourceLocation.Site(config.syncUrl())
            : new SourceLocation.Local(config.source());
    this.sync =
        config.syncUrl() == null
            ? null
            : new SyncLog(config.syncUrl(), config.syncInterval(), metrics);
  }

  /**
   * Counts the ingest (or sync) that ran before the server started, or makes the counters exist at
   * zero when none did.
   */
  void first(IngestReport firstIngest, Instant startedAt) {
    count(metrics, firstIngest);
    if (firstIngest != null) {
      if (sync != null) {
        sync.finished("start", startedAt, firstIngest);
      }
      finish("finished", firstIngest, null);
      synchronized (this) {
        this.trigger = "start";
        this.startedAt = startedAt;
      }
    }
  }

  /** The sync log, or null when the server follows no site. */
  SyncLog syncLog() {
    return sync;
  }

  @Override
  public boolean startIngest() {
    if (!begin("admin")) {
      return false;
    }
    Thread.ofPlatform().name("admin-ingest").daemon().start(this::run);
    return true;
  }

  /**
   * Runs a sync now, in the calling thread (the schedule's); false when an ingest is already
   * running, which then stands for this one.
   */
  boolean syncNow(String why) {
    if (!begin(why)) {
      LOG.info("sync of {} not started: an ingest is running", location);
      return false;
    }
    run();
    return true;
  }

  private synchronized boolean begin(String why) {
    if (running) {
      return false;
    }
    running = true;
    state = "running";
    trigger = why;
    startedAt = Instant.now();
    finishedAt = null;
    error = null;
    done.set(0);
    total.set(0);
    return true;
  }

  private void run() {
    Instant started;
    String why;
    synchronized (this) {
      started = startedAt;
      why = trigger;
    }
    try {
      IngestReport r =
          Services.ingest(
              store,
              location,
              new Services.IngestOptions(
                      2, true, true, config.commitInterval(), true, false, config.fetchAllowHosts())
                  .withSemantic(model),
              (d, t) -> {
                done.set(d);
                total.set(t);
              });
      count(metrics, r);
      if (sync != null) {
        sync.finished(why, started, r);
        LOG.info(
            "sync of {}: {} synced, {} removed, {} failed, {} unchanged",
            location,
            r.indexed(),
            r.deleted(),
            r.failed(),
            r.unchanged());
      }
      finish("finished", r, null);
    } catch (Exception | LinkageError e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (sync != null) {
        sync.failed(why, started, message);
        LOG.warn("sync of {} failed, the index is as it was: {}", location, message);
      }
      finish("failed", null, message);
    }
  }

  /**
   * Adds an ingest's outcomes to the ingest counters; with no report, makes the counters exist at
   * zero, so the metric is there from the start.
   */
  static void count(MeterRegistry metrics, IngestReport r) {
    for (IngestReport.Outcome o : IngestReport.Outcome.values()) {
      long n = r == null ? 0 : r.entries().stream().filter(e -> e.outcome() == o).count();
      io.micrometer.core.instrument.Counter.builder("map_search_ingest_items")
          .tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT))
          .description("Items ingests have handled since the server started, by outcome")
          .register(metrics)
          .increment((double) n);
    }
  }

  private synchronized void finish(String state, IngestReport report, String error) {
    this.running = false;
    this.state = state;
    this.report = report;
    this.error = error;
    this.finishedAt = Instant.now();
  }

  @Override
  public synchronized Map<String, Object> ingestStatus() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("state", state);
    status.put("source", location.toString());
    status.put("done", done.get());
    status.put("total", total.get());
    status.put("startedAt", startedAt == null ? null : startedAt.toString());
    status.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
    if (error != null) {
      status.put("error", error);
    }
    if (report != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("indexed", report.indexed());
      r.put("unchanged", report.unchanged());
      r.put("skipped", report.skipped());
      r.put("failed", report.failed());
      r.put("deleted", report.deleted());
      r.put("millis", report.millis());
      r.put(
          "notIndexed",
          report.entries().stream()
              .filter(e -> e.reason() != null)
              .map(
                  e ->
                      Map.of(
                          "id",
                          e.id(),
                          "outcome",
                          e.outcome().name().toLowerCase(java.util.Locale.ROOT),
                          "reason",
                          e.reason()))
              .toList());
      r.put("unmatched", report.unmatched());
      status.put("report", r);
    }
    return status;
  }

  @Override
  public Map<String, Object> status() {
    Map<String, Object> status = new LinkedHashMap<>();
    boolean busy;
    synchronized (this) {
      busy = running;
    }
    status.put("ingest", ingestStatus());
    status.put("sync", sync == null ? null : sync.status(busy));
    return status;
  }

  @Override
  public boolean delete(String id) {
    if (search.document(id).isEmpty()) {
      return false;
    }
    try (IndexUpdate update = store.update()) {
      update.delete(id);
      // What the last ingest recorded stays (the schema above all): otherwise the next ingest
      // would take every record for stale and read the whole source again.
      Map<String, String> data = new LinkedHashMap<>(update.lastCommitData());
      data.put("deleted", id);
      data.put("at", Instant.now().toString());
      update.commit(data);
      return true;
    } catch (IndexUnavailableException e) {
      throw new ApiException(
          ErrorCode.INGEST_RUNNING,
          "the index is being written (an ingest is running); try again when it ends");
    }
  }
}
