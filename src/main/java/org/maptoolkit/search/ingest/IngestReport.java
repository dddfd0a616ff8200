package org.maptoolkit.search.ingest;

import java.util.List;
import java.util.Map;

/**
 * What an ingest run did, counted: every item it saw is in exactly one outcome, with a reason where
 * it was not indexed, and every value the vocabularies did not know is listed.
 */
public record IngestReport(
    int indexed,
    int unchanged,
    int skipped,
    int failed,
    int deleted,
    long millis,
    List<Entry> entries,
    Map<String, List<String>> unmatched) {

  /** What happened to one item. */
  public enum Outcome {
    INDEXED,
    UNCHANGED,
    SKIPPED,
    FAILED,
    DELETED
  }

  /**
   * One item: its id and origin, the outcome, the main document's extraction status, the reason
   * when not indexed, and warnings (unparsed dates, unknown publishers, unreadable documents).
   */
  public record Entry(
      String id,
      String origin,
      Outcome outcome,
      String extraction,
      String reason,
      List<String> warnings) {}

  public int total() {
    return indexed + unchanged + skipped + failed;
  }
}
