package org.maptoolkit.search.web;

import java.util.Map;

/** What the admin routes can do, provided by the wiring (the web layer runs no ingest itself). */
public interface AdminOperations {
  /** Starts an ingest of the configured source in the background; false if one is running. */
  boolean startIngest();

  /** The running or last ingest: state, progress and its report. */
  Map<String, Object> ingestStatus();

  /**
   * The service's jobs: {@code ingest} as {@link #ingestStatus()}, and {@code sync}, the site the
   * server follows (its last sync: when, what changed, errors; the next), or null when none.
   */
  Map<String, Object> status();

  /** Deletes a record and commits; false when no record has that id. */
  boolean delete(String id);
}
