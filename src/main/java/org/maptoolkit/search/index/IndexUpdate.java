package org.maptoolkit.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void delete(String id) {
    try {
      writer.deleteDocuments(new Term(IndexFields.ID, id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Content hashes of every record in the last commit, by id, for incremental ingest. */
  public Map<String, String> committedHashes() {
    Map<String, String> hashes = new HashMap<>();
    try (DirectoryReader reader = DirectoryReader.open(writer.getDirectory())) {
      for (LeafReaderContext leaf : reader.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        StoredFields stored = leaf.reader().storedFields();
        for (int i = 0; i < leaf.reader().maxDoc(); i++) {
          if (live != null && !live.get(i)) {
            continue;
          }
          Document doc = stored.document(i, java.util.Set.of(IndexFields.ID, IndexFields.HASH));
          hashes.put(doc.get(IndexFields.ID), doc.get(IndexFields.HASH));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hashes;
  }

  /** Commits, recording {@code userData} (e.g. when and what was ingested) with the commit. */
  public void commit(Map<String, String> userData) {
    try {
      writer.setLiveCommitData(userData.entrySet());
      writer.commit();
      store.refresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      writer.rollback();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
