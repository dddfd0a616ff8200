package org.maptoolkit.search.semantic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.search.join.ToChildBlockJoinQuery;
import org.apache.lucene.util.BitSet;
import org.maptoolkit.search.index.DocumentMapper;

/**
 * The nearest records to a query vector: HNSW search over passages, at most one passage per record
 * (its best), restricted during the graph search to passages of records that pass the filter, so
 * that a narrow filter still gives {@code k} records when it has them. Keep one instance for the
 * life of the service: it caches which documents are records, per index segment.
 */
public final class VectorQueries {
  private final BitSetProducer records = new QueryBitSetProducer(RecordBlocks.records());
  private final DocumentMapper mapper = new DocumentMapper();

  /**
   * One record found, by its best passage.
   *
   * @param doc the record's Lucene document (as keyword search finds it)
   * @param id the record's id
   * @param score Lucene's score of the passage vector, {@code (1 + cosine) / 2}
   * @param passageDoc the passage's Lucene document
   * @param page the PDF page of the passage, 0 for the record's own text
   * @param start where the passage starts in its section's text
   * @param end where it ends, exclusive
   */
  public record Match(
      int doc,
      String id,
      float score,
      int passageDoc,
      Passage.Section section,
      int page,
      int start,
      int end) {}

  /**
   * The query: the best passage of each of the {@code k} nearest records.
   *
   * @param filter restricts the records (a query on record fields: type, facets, dates), or null
   */
  public Query query(float[] vector, int k, Query filter) {
    Query passages = null;
    if (filter != null) {
      // The filter matches records; the graph search filters passages: those whose record it
      // matches. Records only, so that the join never sees a passage as a record.
      Query onRecords =
          new BooleanQuery.Builder()
              .add(filter, BooleanClause.Occur.FILTER)
              .add(RecordBlocks.records(), BooleanClause.Occur.FILTER)
              .build();
      passages = new ToChildBlockJoinQuery(onRecords, records);
    }
    return new DiversifyingChildrenFloatKnnVectorQuery(
        RecordBlocks.VECTOR, vector, passages, k, records);
  }

  /** Runs {@link #query}: matches best first, one per record. */
  public List<Match> search(IndexSearcher searcher, float[] vector, int k, Query filter)
      throws IOException {
    TopDocs top = searcher.search(query(vector, k, filter), k);
    IndexReader reader = searcher.getIndexReader();
    List<LeafReaderContext> leaves = reader.leaves();
    List<Match> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc hit : top.scoreDocs) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
      int passage = hit.doc - leaf.docBase;
      BitSet recordDocs = records.getBitSet(leaf);
      // In a block the record comes right after its passages.
      int record = recordDocs.nextSetBit(passage) + leaf.docBase;
      LeafReader r = leaf.reader();
      out.add(
          new Match(
              record,
              mapper.label(reader, record).id(),
              hit.score,
              hit.doc,
              Passage.Section.of(value(r, RecordBlocks.SECTION, passage)),
              (int) value(r, RecordBlocks.PAGE, passage),
              (int) value(r, RecordBlocks.START, passage),
              (int) value(r, RecordBlocks.END, passage)));
    }
    return out;
  }

  private static long value(LeafReader reader, String field, int doc) throws IOException {
    NumericDocValues values = reader.getNumericDocValues(field);
    return values != null && values.advanceExact(doc) ? values.longValue() : 0;
  }
}
