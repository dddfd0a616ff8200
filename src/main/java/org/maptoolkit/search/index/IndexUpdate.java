package org.maptoolkit.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
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

  // Whether the index may hold passages: deletes then go by query, taking a record's passages with
  // it (a passage left behind would join the next record of its segment). A plain index keeps the
  // cheaper delete by term.
  private volatile boolean passages;
  private DirectoryReader lastCommit;

  IndexUpdate(IndexWriter writer, IndexStore store) {
    this.writer = writer;
    this.store = store;
    try (DirectoryReader reader = DirectoryReader.open(writer.getDirectory())) {
      this.passages = hasPassages(reader);
    } catch (org.apache.lucene.index.IndexNotFoundException e) {
      this.passages = false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether any segment of {@code reader} holds passage vectors. */
  public static boolean hasPassages(IndexReader reader) {
    for (LeafReaderContext leaf : reader.leaves()) {
      if (leaf.reader().getFieldInfos().fieldInfo(IndexFields.PASSAGE_OF) != null) {
        return true;
      }
    }
    return false;
  }

  /** Adds the record, replacing any with the same id (and its passages). */
  public void upsert(MapDocument d) {
    upsert(d, List.of());
  }

  /**
   * Adds the record as one block, {@code passages} (child documents naming it in {@link
   * IndexFields#PASSAGE_OF}) first: atomic, so a searcher sees the old block or the new one.
   */
  public void upsert(MapDocument d, List<Document> passages) {
    try {
      if (!passages.isEmpty()) {
        this.passages = true;
      }
      if (!this.passages) {
        writer.updateDocument(new Term(IndexFields.ID, d.id()), mapper.toLucene(d));
        return;
      }
      List<Document> block = new ArrayList<>(passages.size() + 1);
      block.addAll(passages);
      block.add(mapper.toLucene(d));
      writer.updateDocuments(replaced(d.id()), block);
    } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
      throw failed(e);
    }
  }

  public void delete(String id) {
    try {
      if (passages) {
        writer.deleteDocuments(replaced(id));
      } else {
        writer.deleteDocuments(new Term(IndexFields.ID, id));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A record and its passages: what replacing or deleting it removes. */
  public static Query replaced(String id) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(IndexFields.ID, id)), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(new Term(IndexFields.PASSAGE_OF, id)), BooleanClause.Occur.SHOULD)
        .build();
  }

  /**
   * The last commit, opened once for this session (passage vectors are reused from it); null when
   * there is none yet. Closed with the session.
   */
  public synchronized IndexReader lastCommit() {
    if (lastCommit == null) {
      try {
        lastCommit = DirectoryReader.open(writer.getDirectory());
      } catch (org.apache.lucene.index.IndexNotFoundException e) {
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lastCommit;
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
    synchronized (this) {
      if (lastCommit != null) {
        try {
          lastCommit.close();
        } catch (IOException e) {
          // Only a reader of files the writer keeps; nothing to recover.
        }
      }
    }
    try {
      writer.rollback();
    } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
      // The writer already failed; rolling back only releases what it still holds.
    }
  }
}
