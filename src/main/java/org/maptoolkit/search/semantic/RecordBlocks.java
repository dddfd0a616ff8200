package org.maptoolkit.search.semantic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.index.IndexUpdate;

/**
 * How a record and its passages lie in the index: a Lucene document block, the passages as child
 * documents first and the record's own document last (Lucene's block join), written and replaced
 * together so that one commit makes a record's words and vectors visible at once. A passage
 * document holds only its vector and where it came from; it matches no text query and has no facet,
 * date or id of its record's (see docs/semantic.md for what searches that match every document must
 * add).
 */
public final class RecordBlocks {
  /** The passage's vector (HNSW; dot product of unit vectors, i.e. cosine). */
  public static final String VECTOR = IndexFields.PASSAGE_VECTOR;

  /** The id of the passage's record: finds a record's passages to delete or reuse them. */
  public static final String OF = IndexFields.PASSAGE_OF;

  /** The passage's section, PDF page, offsets in its section, and vector key, as doc values. */
  public static final String SECTION = "passage_section";

  public static final String PAGE = "passage_page";
  public static final String START = "passage_start";
  public static final String END = "passage_end";
  public static final String KEY = "passage_key";

  private RecordBlocks() {}

  /**
   * The records, not their passages: every record carries the stamp doc values (its id and content
   * hash, see DocumentMapper), which no passage has. The block join's parent filter.
   */
  public static Query records() {
    return new FieldExistsQuery(IndexFields.STAMP);
  }

  /** The passages of every record. */
  public static Query passages() {
    return new FieldExistsQuery(VECTOR);
  }

  /**
   * The block for one record: a document per passage, then {@code record} (as DocumentMapper made
   * it). Write it with {@code IndexWriter.updateDocuments(RecordBlocks.replaced(id), block)}.
   */
  public static List<Document> block(
      String recordId, Document record, List<EmbeddedPassage> passages) {
    List<Document> block = new ArrayList<>(passages.size() + 1);
    for (EmbeddedPassage p : passages) {
      block.add(passage(recordId, p));
    }
    block.add(record);
    return block;
  }

  /** The child documents of a record's passages, in order, as its block starts. */
  public static List<Document> passageDocuments(String recordId, List<EmbeddedPassage> passages) {
    List<Document> out = new ArrayList<>(passages.size());
    for (EmbeddedPassage p : passages) {
      out.add(passage(recordId, p));
    }
    return out;
  }

  /**
   * Adds or replaces a record with its passages, atomically: a searcher sees the old block or the
   * new one, never a record without its passages.
   */
  public static void write(
      IndexWriter writer, String recordId, Document record, List<EmbeddedPassage> passages)
      throws IOException {
    writer.updateDocuments(replaced(recordId), block(recordId, record, passages));
  }

  /**
   * What writing a record's block replaces: the record and its old passages. By query, since the
   * passages do not carry the record's id field (an id lookup must find the record alone).
   */
  public static Query replaced(String recordId) {
    return IndexUpdate.replaced(recordId);
  }

  private static Document passage(String recordId, EmbeddedPassage p) {
    if (p.vector().length != Embedder.DIMENSIONS) {
      throw new IllegalArgumentException(
          "a passage vector has " + Embedder.DIMENSIONS + " dimensions, not " + p.vector().length);
    }
    Document doc = new Document();
    doc.add(new KnnFloatVectorField(VECTOR, p.vector(), VectorSimilarityFunction.DOT_PRODUCT));
    doc.add(new StringField(OF, recordId, Field.Store.NO));
    doc.add(new NumericDocValuesField(SECTION, p.passage().section().code()));
    doc.add(new NumericDocValuesField(PAGE, p.passage().page()));
    doc.add(new NumericDocValuesField(START, p.passage().start()));
    doc.add(new NumericDocValuesField(END, p.passage().end()));
    doc.add(new BinaryDocValuesField(KEY, new BytesRef(p.key())));
    return doc;
  }
}
