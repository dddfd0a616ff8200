package org.maptoolkit.search.cli;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.maptoolkit.search.ingest.IngestReport;

/**
 * What the syncs of the site the server follows did: the last run (when, what it changed, its
 * errors), the last run that changed the index, how many ran and failed, when the next is due; and
 * the same as metrics: items synced, removed and failed, runs by result, and when a sync last
 * succeeded.
 */
final class SyncLog {
  /** Changes listed in the status; the rest are counted. */
  static final int LISTED_CHANGES = 50;

  private final URI url;
  private final Duration every;
  private final MeterRegistry metrics;
  // Guarded by this.
  private int runs;
  private int failedRuns;
  private Instant lastSuccess;
  private Instant next;
  private Map<String, Object> last;
  private Map<String, Object> lastChange;

  SyncLog(URI url, Duration every, MeterRegistry metrics) {
    this.url = url;
    this.every = every;
    this.metrics = metrics;
    // Every series exists from the start, at zero, so a dashboard never sees a gap.
    for (String outcome : List.of("synced", "removed", "failed")) {
      items(outcome).increment(0);
    }
    for (String result : List.of("ok", "failed")) {
      runs(result).increment(0);
    }
    Gauge.builder(
            "map_search_sync_last_success_timestamp_seconds", this, log -> log.lastSuccessSeconds())
        .description("When a sync of the followed site last succeeded (0: not yet)")
        .register(metrics);
  }

  /** A run that listed the site: what it changed, and what it could not read. */
  synchronized void finished(String trigger, Instant started, IngestReport r) {
    runs++;
    lastSuccess = Instant.now();
    items("synced").increment(r.indexed());
    items("removed").increment(r.deleted());
    items("failed").increment(r.failed());
    runs("ok").increment();
    Map<String, Object> run = run(trigger, started, "ok");
    run.put("synced", r.indexed());
    run.put("removed", r.deleted());
    run.put("failed", r.failed());
    run.put("unchanged", r.unchanged());
    run.put("skipped", r.skipped());
    List<Map<String, Object>> changes = new ArrayList<>();
    int more = 0;
    for (IngestReport.Entry e : r.entries()) {
      if (e.outcome() == IngestReport.Outcome.UNCHANGED) {
        continue;
      }
      if (changes.size() == LISTED_CHANGES) {
        more++;
        continue;
      }
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("id", e.id());
      change.put("outcome", e.outcome().name().toLowerCase(Locale.ROOT));
      if (e.reason() != null) {
        change.put("reason", e.reason());
      }
      changes.add(change);
    }
    run.put("changes", changes);
    run.put("moreChanges", more);
    run.put("notes", r.notes());
    last = run;
    if (r.indexed() + r.deleted() > 0) {
      lastChange = run;
    }
  }

  /** A run that failed as a whole (the site could not be listed): nothing was changed. */
  synchronized void failed(String trigger, Instant started, String error) {
    runs++;
    failedRuns++;
    runs("failed").increment();
    Map<String, Object> run = run(trigger, started, "failed");
    run.put("error", error);
    last = run;
  }

  /** When the next scheduled run is due. */
  synchronized void next(Instant at) {
    next = at;
  }

  /** The sync part of the admin status. */
  synchronized Map<String, Object> status(boolean running) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("url", url.toString());
    status.put("everySeconds", every.toSeconds());
    status.put("state", running ? "running" : "idle");
    status.put("runs", runs);
    status.put("failedRuns", failedRuns);
    status.put("lastSuccessAt", lastSuccess == null ? null : lastSuccess.toString());
    status.put("nextAt", next == null ? null : next.toString());
    status.put("last", last);
    // The last run is often one that found nothing new; this one says what last changed.
    status.put("lastChange", lastChange);
    return status;
  }

  private static Map<String, Object> run(String trigger, Instant started, String result) {
    Instant now = Instant.now();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("trigger", trigger);
    run.put("result", result);
    run.put("startedAt", started.toString());
    run.put("finishedAt", now.toString());
    run.put("millis", Duration.between(started, now).toMillis());
    return run;
  }

  private synchronized double lastSuccessSeconds() {
    return lastSuccess == null ? 0 : lastSuccess.toEpochMilli() / 1000.0;
  }

  private io.micrometer.core.instrument.Counter items(String outcome) {
    return io.micrometer.core.instrument.Counter.builder("map_search_sync_items")
        .tag("outcome", outcome)
        .description("Items syncs of the followed site have synced, removed or failed to read")
        .register(metrics);
  }

  private io.micrometer.core.instrument.Counter runs(String result) {
    return io.micrometer.core.instrument.Counter.builder("map_search_sync_runs")
        .tag("result", result)
        .description("Syncs of the followed site, by result (failed: the site could not be listed)")
        .register(metrics);
  }
}
