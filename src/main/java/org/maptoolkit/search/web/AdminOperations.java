package org.maptoolkit.search.web;

import java.util.Map;

/** What the admin routes can do, provided by the wiring (the web layer runs no ingest itself). */
public interface AdminOperations {
  /** Starts an ingest of the configured source in the background; false if one is running. */
  boolean startIngest();

  /** The running or last ingest: state, progress and its report. */
  Map<String, Object> ingestStatus();

  /** Deletes a record and commits; false when no record has that id. */
  boolean delete(String id);
}
