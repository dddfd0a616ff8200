package org.maptoolkit.search.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.Bits;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.DocumentMapper;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.index.IndexStore;

/**
 * The records an ingest made, read back whole from its keyword index (the record, its text and its
 * document's pages), so that the vector index holds exactly what keyword search indexed.
 */
final class ProbeRecords {
  private ProbeRecords() {}

  static List<MapDocument> read(IndexStore store) throws IOException {
    DocumentMapper mapper = new DocumentMapper();
    List<MapDocument> out = new ArrayList<>();
    try (IndexStore.Lease lease = store.lease()) {
      IndexReader reader = lease.searcher().getIndexReader();
      StoredFields stored = reader.storedFields();
      for (LeafReaderContext leaf : reader.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        for (int i = 0; i < leaf.reader().maxDoc(); i++) {
          if (live != null && !live.get(i)) {
            continue;
          }
          int id = leaf.docBase + i;
          Document doc = stored.document(id, Set.of(IndexFields.TEXT, IndexFields.DOC));
          out.add(whole(mapper.record(reader, id), doc));
        }
      }
    }
    return out;
  }

  /** The stored record with its text and pages put back. */
  private static MapDocument whole(MapDocument slim, Document doc) {
    MapDocument.Builder b = slim.toBuilder().text(doc.get(IndexFields.TEXT));
    LinkedDocument main = slim.mainDocument();
    if (main != null && main.extraction() != null) {
      Extraction e = main.extraction();
      List<String> pages = List.of(doc.getValues(IndexFields.DOC));
      b.mainDocument(
          main.withExtraction(
              new Extraction(
                  e.status(),
                  e.reason(),
                  e.contentType(),
                  e.title(),
                  pages,
                  e.characters(),
                  e.language(),
                  e.created(),
                  e.modified(),
                  e.ocrPages())));
    }
    return b.build();
  }
}
