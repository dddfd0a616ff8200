package org.maptoolkit.search.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs the followed site on a schedule while the server runs: a run starts a fixed time after the
 * last one ended (never two at once, and an admin ingest in progress stands for the run). Closing
 * stops the schedule and waits for a run in progress to roll back.
 */
final class SyncSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncSchedule.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "site-sync");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param firstAfter when the first run starts (now, to catch up on an index made earlier)
   */
  SyncSchedule(AdminJobs jobs, Duration every, Duration firstAfter) {
    SyncLog log = jobs.syncLog();
    log.next(Instant.now().plus(firstAfter));
    // The future is not kept: each run catches its own failures, and close() stops the timer.
    var unused =
        timer.scheduleWithFixedDelay(
            () -> {
              try {
                jobs.syncNow("schedule");
              } catch (RuntimeException e) {
                // Never let one run's surprise end the schedule.
                LOG.warn("scheduled sync failed", e);
              }
              log.next(Instant.now().plus(every));
            },
            firstAfter.toMillis(),
            every.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      // A run in progress is interrupted; its index session rolls back before the index closes.
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("a sync did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
