package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.maptoolkit.search.document.ContentHash;
import org.maptoolkit.search.index.IndexSchema;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.index.IndexUpdate;
import org.maptoolkit.search.index.IndexWriteException;
import org.maptoolkit.search.semantic.RecordEmbedder;

/**
 * The ingest pipeline: list a source's items, index each that changed since the last commit ({@link
 * ItemIndexer}), delete what the source no longer holds, and count every outcome. Commits every few
 * seconds, so a crash loses at most the work since the last commit. A commit records the index
 * schema; when it changes, every item is indexed again.
 */
public final class Ingester {
  /**
   * How pages are read into records. The index schema (fields, facets, analysis) is checked by
   * itself; bump this when only the reading changes (a new label spelling, a date form), so that
   * unchanged pages are read again.
   */
  static final String PIPELINE_VERSION = "6";

  /** How often a long ingest commits, bounding what a crash can lose. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(5);

  private final IndexStore store;
  private final TextExtractor extractor;
  private final DocumentBuilder builder;
  private final MainDocuments mainDocuments;
  private final Options options;

  /**
   * How a run goes.
   *
   * @param threads items processed at once
   * @param commitInterval how often a long run commits
   * @param retryFailed read again unchanged files that failed before (otherwise they are reported
   *     as unchanged, with their earlier reason)
   * @param ocr whether scans are read by OCR, for the report
   */
  public record Options(
      int threads,
      Duration commitInterval,
      boolean retryFailed,
      OcrSettings ocr,
      RecordEmbedder embedder) {
    public Options {
      threads = Math.max(1, threads);
    }

    /** Keyword search only: no passages are embedded. */
    public Options(int threads, Duration commitInterval, boolean retryFailed, OcrSettings ocr) {
      this(threads, commitInterval, retryFailed, ocr, null);
    }

    /** The same run, embedding passages with {@code embedder} (null: none). */
    public Options withEmbedder(RecordEmbedder embedder) {
      return new Options(threads, commitInterval, retryFailed, ocr, embedder);
    }
  }

  /** Called as items finish; {@code done} of {@code total}. */
  public interface Progress {
    void update(int done, int total);

    Progress NONE = (done, total) -> {};
  }

  /**
   * A pipeline committing every {@link #DEFAULT_COMMIT_INTERVAL}.
   *
   * @param fetcher fetches main documents linked by URL; null to record such links unfetched
   */
  public Ingester(
      IndexStore store,
      TextExtractor extractor,
      Vocabulary vocabulary,
      HttpFetcher fetcher,
      int threads) {
    this(
        store,
        extractor,
        vocabulary,
        fetcher,
        new Options(threads, DEFAULT_COMMIT_INTERVAL, false, OcrSettings.DISABLED));
  }

  /** As above, run as {@code options} say. */
  public Ingester(
      IndexStore store,
      TextExtractor extractor,
      Vocabulary vocabulary,
      HttpFetcher fetcher,
      Options options) {
    this.options = options;
    this.store = store;
    this.extractor = extractor;
    this.builder = new DocumentBuilder(vocabulary);
    this.mainDocuments = new MainDocuments(extractor, fetcher);
  }

  /** Indexes up to this size are merged into one segment after a run that changed them. */
  static final int COMPACT_MAX_DOCS = 250_000;

  /** The schema fingerprint this build records in its commits. */
  public static String schema() {
    return IndexSchema.fingerprint(PIPELINE_VERSION);
  }

  /**
   * The schema this run records: with passages, the model and cutting too, so that turning semantic
   * search on or off, or a new model, indexes every record again (vectors of unchanged passages are
   * reused).
   */
  private String runSchema() {
    return options.embedder() == null
        ? schema()
        : schema() + " semantic " + ContentHash.of(options.embedder().fingerprint());
  }

  /**
   * Ingests {@code source}. With {@code prune}, records in the index that the source no longer
   * holds are deleted (the index then mirrors the source).
   *
   * @throws IOException when the source cannot be listed (nothing is changed then)
   */
  public IngestReport ingest(Source source, boolean prune, Progress progress) throws IOException {
    long start = System.nanoTime();
    String schema = runSchema();
    List<IngestReport.Entry> entries = new ArrayList<>();
    List<DocumentBuilder.Unmatched> unmatched = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    List<String> notes = new ArrayList<>();
    try (IndexUpdate update = store.update()) {
      Map<String, IndexUpdate.Committed> committed = update.committed();
      // Records built with another schema lack what this one indexes: none counts as unchanged.
      boolean sameSchema = schema.equals(update.lastCommitData().get(IndexSchema.COMMIT_KEY));
      RecordWriter records = new RecordWriter(update, options.embedder());
      ItemIndexer indexer =
          new ItemIndexer(
              source,
              sameSchema ? committed : Map.of(),
              committed.keySet(),
              options.retryFailed(),
              update,
              records,
              builder,
              extractor,
              mainDocuments,
              unmatched);
      // Listed knowing what the index holds, so a live site downloads only what changed. A source
      // that cannot be listed throws here: the session is rolled back, nothing is deleted.
      List<SourceItem> items = source.items(indexer);
      CompletionService<IngestReport.Entry> done = new ExecutorCompletionService<>(pool);
      // Items are independent: parsing and extraction run in parallel; IndexWriter is thread-safe.
      for (SourceItem item : items) {
        done.submit(() -> indexer.index(item));
      }
      long lastCommit = System.currentTimeMillis();
      for (int i = 0; i < items.size(); i++) {
        entries.add(take(done));
        progress.update(i + 1, items.size());
        if (System.currentTimeMillis() - lastCommit > options.commitInterval().toMillis()) {
          update.commit(commitData(source, schema, "partial"));
          lastCommit = System.currentTimeMillis();
        }
      }
      if (prune) {
        Set<String> seen = new HashSet<>();
        items.forEach(item -> seen.add(item.id()));
        for (String id : new TreeSet<>(committed.keySet())) {
          if (!seen.contains(id)) {
            update.delete(id);
            entries.add(
                new IngestReport.Entry(
                    id,
                    id,
                    IngestReport.Outcome.DELETED,
                    null,
                    "no longer in the source",
                    List.of()));
          }
        }
      }
      Map<String, String> complete = commitData(source, schema, "complete");
      update.commit(complete);
      boolean changed =
          entries.stream()
              .anyMatch(
                  e ->
                      e.outcome() == IngestReport.Outcome.INDEXED
                          || e.outcome() == IngestReport.Outcome.DELETED);
      if (changed) {
        // Searchable already; now one segment, so each search does its term look-ups once.
        update.compact(complete, COMPACT_MAX_DOCS);
      }
      notes.addAll(records.notes());
    } finally {
      pool.shutdownNow();
    }
    List<String> all = new ArrayList<>(source.notes());
    all.addAll(notes);
    return IngestReport.of(entries, unmatched, (System.nanoTime() - start) / 1_000_000, all);
  }

  /**
   * The next finished item's entry. {@link ItemIndexer#index} turns every failure of an item into
   * that item's entry, so what arrives here as an exception is the run's, not an item's.
   */
  private static IngestReport.Entry take(CompletionService<IngestReport.Entry> done) {
    try {
      return done.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ingest interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IndexWriteException write) {
        throw write;
      }
      throw new IllegalStateException("ingest failed: " + e.getCause(), e.getCause());
    }
  }

  private static Map<String, String> commitData(Source source, String schema, String state) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("ingested_at", Instant.now().toString());
    data.put("source", source.name());
    data.put("state", state);
    data.put(IndexSchema.COMMIT_KEY, schema);
    return data;
  }
}
