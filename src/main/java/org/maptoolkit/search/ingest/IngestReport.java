package org.maptoolkit.search.ingest;

import java.util.List;
import java.util.Map;

/**
 * What an ingest run did, counted: every item it saw is in exactly one outcome, with a reason where
 * it was not indexed, and every value the vocabularies did not know is listed. {@code deleted}
 * counts records removed: of items the source no longer holds, and of items it holds but that must
 * not be searchable any more (made password-protected or unpublished). {@code notes} is what the
 * source said about the run (a live site: what it listed and how many requests it took).
 */
public record IngestReport(
    int indexed,
    int unchanged,
    int skipped,
    int failed,
    int deleted,
    long millis,
    List<Entry> entries,
    Map<String, List<String>> unmatched,
    List<String> notes) {

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

  /** The report of a run: entries sorted by id, outcomes counted, unmatched values by kind. */
  static IngestReport of(
      List<Entry> entries,
      List<DocumentBuilder.Unmatched> unmatched,
      long millis,
      List<String> notes) {
    java.util.EnumMap<Outcome, Integer> counts = new java.util.EnumMap<>(Outcome.class);
    List<Entry> sorted = new java.util.ArrayList<>(entries);
    sorted.sort(java.util.Comparator.comparing(Entry::id));
    for (Entry e : sorted) {
      counts.merge(e.outcome(), 1, Integer::sum);
    }
    Map<String, java.util.TreeSet<String>> byKind = new java.util.TreeMap<>();
    synchronized (unmatched) {
      for (DocumentBuilder.Unmatched u : unmatched) {
        byKind.computeIfAbsent(u.kind(), k -> new java.util.TreeSet<>()).add(u.value());
      }
    }
    Map<String, List<String>> lists = new java.util.TreeMap<>();
    byKind.forEach((k, v) -> lists.put(k, List.copyOf(v)));
    return new IngestReport(
        counts.getOrDefault(Outcome.INDEXED, 0),
        counts.getOrDefault(Outcome.UNCHANGED, 0),
        counts.getOrDefault(Outcome.SKIPPED, 0),
        counts.getOrDefault(Outcome.FAILED, 0),
        counts.getOrDefault(Outcome.DELETED, 0),
        millis,
        sorted,
        lists,
        List.copyOf(notes));
  }

  public int total() {
    return indexed + unchanged + skipped + failed;
  }
}
