package org.maptoolkit.search.cli;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.index.IndexUnavailableException;
import org.maptoolkit.search.index.IndexUpdate;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.AdminOperations;
import org.maptoolkit.search.web.ApiException;
import org.maptoolkit.search.web.ErrorCode;

/** Runs the admin operations: one background ingest at a time, and deletions. */
final class AdminJobs implements AdminOperations {
  private final IndexStore store;
  private final SearchService search;
  private final Path source;
  private final MeterRegistry metrics;
  private final java.time.Duration commitInterval;
  private final java.util.Set<String> fetchAllowHosts;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();
  private String state = "idle";
  private Instant startedAt;
  private Instant finishedAt;
  private IngestReport report;
  private String error;
  private Thread running;

  AdminJobs(
      IndexStore store,
      SearchService search,
      Path source,
      java.time.Duration commitInterval,
      java.util.Set<String> fetchAllowHosts,
      MeterRegistry metrics) {
    this.commitInterval = commitInterval;
    this.fetchAllowHosts = fetchAllowHosts;
    this.store = store;
    this.search = search;
    this.source = source;
    this.metrics = metrics;
  }

  @Override
  public synchronized boolean startIngest() {
    if (running != null && running.isAlive()) {
      return false;
    }
    state = "running";
    startedAt = Instant.now();
    finishedAt = null;
    error = null;
    done.set(0);
    total.set(0);
    running =
        Thread.ofPlatform()
            .name("admin-ingest")
            .daemon()
            .start(
                () -> {
                  try {
                    IngestReport r =
                        Services.ingest(
                            store,
                            source,
                            new Services.IngestOptions(
                                2, true, true, commitInterval, true, false, fetchAllowHosts),
                            (d, t) -> {
                              done.set(d);
                              total.set(t);
                            });
                    count(metrics, r);
                    finish("finished", r, null);
                  } catch (Exception e) {
                    finish("failed", null, e.getMessage());
                  }
                });
    return true;
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
    this.state = state;
    this.report = report;
    this.error = error;
    this.finishedAt = Instant.now();
  }

  @Override
  public synchronized Map<String, Object> ingestStatus() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("state", state);
    status.put("source", source.toString());
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
  public boolean delete(String id) {
    if (search.document(id).isEmpty()) {
      return false;
    }
    try (IndexUpdate update = store.update()) {
      update.delete(id);
      update.commit(Map.of("deleted", id, "at", Instant.now().toString()));
      return true;
    } catch (IndexUnavailableException e) {
      throw new ApiException(
          ErrorCode.INGEST_RUNNING,
          "the index is being written (an ingest is running); try again when it ends");
    }
  }
}
