package org.maptoolkit.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.maptoolkit.search.document.MapDocument;

/**
 * One writing session on the index: add or replace records, delete them, and commit. Until a
 * commit, searchers (in this process or another) keep seeing the previous commit; closing without a
 * commit discards the session's changes.
 */
public final class IndexUpdate implements AutoCloseable {
  private final IndexWriter writer;
  private final IndexStore store;
  private final DocumentMapper mapper = new DocumentMapper();

  IndexUpdate(IndexWriter writer, IndexStore store) {
    this.writer = writer;
    this.store = store;
  }

  /** Adds the record, replacing any with the same id. */
  public void upsert(MapDocument d) {
    try {
      writer.updateDocument(new Term(IndexFields.ID, d.id()), mapper.toLucene(d));
    } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
      throw failed(e);
    }
  }

  public void delete(String id) {
    try {
      writer.deleteDocuments(new Term(IndexFields.ID, id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the last commit holds of a record, for incremental ingest.
   *
   * @param stamp the hash of what it was built from
   * @param failure why its document could not be read, or null
   */
  public record Committed(String stamp, String failure) {}

  /** Every record in the last commit, by id. */
  public Map<String, Committed> committed() {
    Map<String, Committed> hashes = new HashMap<>();
    try (DirectoryReader reader = DirectoryReader.open(writer.getDirectory())) {
      for (LeafReaderContext leaf : reader.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        BinaryDocValues stamps = leaf.reader().getBinaryDocValues(IndexFields.STAMP);
        if (stamps == null) {
          continue;
        }
        for (int doc = stamps.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = stamps.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          String[] parts = stamps.binaryValue().utf8ToString().split("\u0000", 3);
          hashes.put(
              parts[0],
              new Committed(parts[1], parts.length < 3 || parts[2].isEmpty() ? null : parts[2]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hashes;
  }

  /** What the last commit recorded (when and what was ingested, the schema it was built with). */
  public Map<String, String> lastCommitData() {
    try (DirectoryReader reader = DirectoryReader.open(writer.getDirectory())) {
      return new HashMap<>(reader.getIndexCommit().getUserData());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits, recording {@code userData} (e.g. when and what was ingested) with the commit. */
  public void commit(Map<String, String> userData) {
    try {
      writer.setLiveCommitData(userData.entrySet());
      writer.commit();
    } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
      throw failed(e);
    }
    store.refresh();
  }

  /**
   * Merges the index into one segment and commits again with {@code userData}, when it holds at
   * most {@code maxDocs} documents: a search then looks each word up once instead of once a
   * segment, and collects one leaf. Larger indexes are left to the merge policy, as rewriting them
   * after every run would cost more than it saves.
   *
   * @return whether it merged
   */
  public boolean compact(Map<String, String> userData, int maxDocs) {
    try {
      if (writer.getDocStats().maxDoc > maxDocs) {
        return false;
      }
      writer.forceMerge(1);
      writer.setLiveCommitData(userData.entrySet());
      writer.commit();
    } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
      throw failed(e);
    }
    store.refresh();
    return true;
  }

  /** An index write failure, named by its root cause (e.g. "No space left on device"). */
  private IndexWriteException failed(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new IndexWriteException(
        "cannot write the index in "
            + store.path()
            + ": "
            + root.getMessage()
            + " (nothing since the last commit was kept)",
        e);
  }

  @Override
  public void close() {
    try {
      writer.rollback();
    } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
      // The writer already failed; rolling back only releases what it still holds.
    }
  }
}
