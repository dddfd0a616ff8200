package org.maptoolkit.search.semantic;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

/**
 * The vectors an index already holds for a record's passages, by key: a record whose page changed
 * but whose passages did not (or an index rebuilt for a new field) is not embedded again.
 */
public final class PassageVectors {
  private PassageVectors() {}

  /** The live passages of record {@code recordId} in {@code reader}: key to vector. */
  public static Map<String, float[]> of(IndexReader reader, String recordId) throws IOException {
    Map<String, float[]> out = new HashMap<>();
    Term term = new Term(RecordBlocks.OF, recordId);
    for (LeafReaderContext leaf : reader.leaves()) {
      LeafReader r = leaf.reader();
      PostingsEnum docs = r.postings(term, PostingsEnum.NONE);
      FloatVectorValues vectors = r.getFloatVectorValues(RecordBlocks.VECTOR);
      if (docs == null || vectors == null) {
        continue;
      }
      BinaryDocValues keys = r.getBinaryDocValues(RecordBlocks.KEY);
      KnnVectorValues.DocIndexIterator positions = vectors.iterator();
      Bits live = r.getLiveDocs();
      // Postings and vectors both go in doc id order, so one pass over each.
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if ((live != null && !live.get(doc))
            || keys == null
            || !keys.advanceExact(doc)
            || positions.docID() > doc
            || positions.advance(doc) != doc) {
          continue;
        }
        out.put(keys.binaryValue().utf8ToString(), vectors.vectorValue(positions.index()).clone());
      }
    }
    return out;
  }
}
