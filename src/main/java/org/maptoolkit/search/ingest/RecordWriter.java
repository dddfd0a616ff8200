package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.IndexUpdate;
import org.maptoolkit.search.semantic.Embedder;
import org.maptoolkit.search.semantic.PassageVectors;
import org.maptoolkit.search.semantic.RecordBlocks;
import org.maptoolkit.search.semantic.RecordEmbedder;

/**
 * Writes a built record into the index: alone for keyword search, or with its passages and their
 * vectors for semantic search (reusing the vectors the last commit holds for unchanged passages).
 * Counts what was embedded and reused, for the ingest report.
 */
final class RecordWriter {
  private final IndexUpdate update;
  private final RecordEmbedder embedder;
  private final AtomicLong embedded = new AtomicLong();
  private final AtomicLong reused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile String failure;

  /**
   * @param embedder cuts and embeds passages, or null for keyword search only
   */
  RecordWriter(IndexUpdate update, RecordEmbedder embedder) {
    this.update = update;
    this.embedder = embedder;
  }

  void upsert(MapDocument record) {
    if (embedder == null) {
      update.upsert(record);
      return;
    }
    update.upsert(record, passages(record));
  }

  private List<Document> passages(MapDocument record) {
    try {
      IndexReader last = update.lastCommit();
      Map<String, float[]> known = last == null ? Map.of() : PassageVectors.of(last, record.id());
      RecordEmbedder.Result result = embedder.embed(record, known);
      embedded.addAndGet(result.embedded());
      reused.addAndGet(result.reused());
      return RecordBlocks.passageDocuments(record.id(), result.passages());
    } catch (Embedder.EmbeddingException e) {
      // The record stays findable by its words; the report says how many lack passages.
      failed.incrementAndGet();
      failure = e.getMessage();
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the report says about passages; empty for keyword search only. */
  List<String> notes() {
    if (embedder == null) {
      return List.of();
    }
    String note =
        "semantic search: " + embedded.get() + " passages embedded, " + reused.get() + " reused";
    if (failed.get() > 0) {
      note += "; " + failed.get() + " records without passages (" + failure + ")";
    }
    return List.of(note);
  }
}
