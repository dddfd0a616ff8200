package org.maptoolkit.search.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.util.BytesRef;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.document.PartialDate;

/** Turns a {@link MapDocument} into a Lucene document and back. */
public final class DocumentMapper {
  /**
   * Stored text with offsets in the postings, so highlighting does not re-analyse at query time.
   */
  static final FieldType TEXT_WITH_OFFSETS;

  static {
    TEXT_WITH_OFFSETS = new FieldType(TextField.TYPE_STORED);
    TEXT_WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    TEXT_WITH_OFFSETS.freeze();
  }

  private final FacetsConfig facets = IndexFields.facetsConfig();
  private final ObjectMapper json = Json.mapper();

  /** A record's id, type and title. */
  public record Label(String id, String type, String title) {}

  /**
   * The id, type and title of {@code doc}, read from doc values: loading the stored record
   * (decompressing its block) was most of the cost of autocomplete.
   */
  public Label label(IndexReader reader, int doc) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    BinaryDocValues values = leaf.reader().getBinaryDocValues(IndexFields.LABEL);
    if (values != null && values.advanceExact(doc - leaf.docBase)) {
      String[] parts = values.binaryValue().utf8ToString().split("\u0000", 3);
      return new Label(parts[0], parts[1], parts[2]);
    }
    MapDocument d = record(reader, doc);
    return new Label(d.id(), d.type().value(), d.title());
  }

  /** The Lucene document for {@code d}, facets built. */
  public Document toLucene(MapDocument d) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(IndexFields.ID, d.id(), Field.Store.YES));
    doc.add(new StringField(IndexFields.ORIGIN, nz(d.origin()), Field.Store.YES));
    doc.add(new StringField(IndexFields.HASH, nz(d.contentHash()), Field.Store.YES));
    // Id and hash again as doc values: an incremental run reads them for every record, and doc
    // values are far cheaper to scan than stored fields.
    doc.add(
        new BinaryDocValuesField(
            IndexFields.STAMP,
            new BytesRef(d.id() + '\u0000' + nz(d.contentHash()) + '\u0000' + nz(failure(d)))));
    doc.add(
        new BinaryDocValuesField(
            IndexFields.LABEL,
            new BytesRef(d.id() + '\u0000' + d.type().value() + '\u0000' + nz(d.title()))));
    doc.add(new StringField(IndexFields.TYPE, d.type().value(), Field.Store.NO));
    addText(doc, IndexFields.TITLE, d.title());
    doc.add(
        new SortedDocValuesField(
            IndexFields.TITLE_SORT, new BytesRef(nz(d.title()).toLowerCase(Locale.ROOT))));
    for (String related : d.related()) {
      doc.add(new StringField(IndexFields.RELATED, related, Field.Store.NO));
    }
    addText(doc, IndexFields.SUMMARY, d.summary());
    addText(doc, IndexFields.FEATURES, String.join("\n", d.keyFeatures()));
    addText(doc, IndexFields.IMPACT, String.join("\n", d.impact()));
    addText(doc, IndexFields.TEXT, d.text());
    Extraction extraction = d.mainDocument() == null ? null : d.mainDocument().extraction();
    if (extraction != null) {
      // One value per page: the highlighter's passage offsets then tell which page matched.
      for (String page : extraction.pages()) {
        doc.add(new Field(IndexFields.DOC, page, TEXT_WITH_OFFSETS));
      }
    }
    // Everything searchable in one field as well: BM25 over the whole record, so that a word's
    // weight is not decided by which short field it happens to sit in.
    StringBuilder all = new StringBuilder();
    for (String part :
        new String[] {
          d.title(),
          d.summary(),
          String.join("\n", d.keyFeatures()),
          String.join("\n", d.impact()),
          d.text()
        }) {
      if (part != null && !part.isBlank()) {
        all.append(part).append('\n');
      }
    }
    if (extraction != null) {
      extraction.pages().forEach(p -> all.append(p).append('\n'));
    }
    doc.add(new TextField(IndexFields.ALL, all.toString(), Field.Store.NO));
    // The page's own words as written (not the linked document's), for "did you mean".
    StringBuilder words = new StringBuilder(nz(d.title())).append('\n').append(nz(d.summary()));
    d.keyFeatures().forEach(f -> words.append('\n').append(f));
    d.impact().forEach(f -> words.append('\n').append(f));
    words.append('\n').append(nz(d.text()));
    doc.add(new TextField(IndexFields.SUGGEST, words.toString(), Field.Store.NO));
    // Every stored facet of the registry, with the record's values for it.
    for (Facet facet : Facet.INDEXED) {
      for (String value : facet.values().apply(d)) {
        doc.add(new SortedSetDocValuesFacetField(facet.name(), value));
      }
    }
    addDate(doc, IndexFields.PUBLISHED, d.published());
    addDate(doc, IndexFields.UPDATED, d.updated());
    // A review due "November 2026" is due by the end of November: currency uses the period's end.
    if (d.reviewDue() != null) {
      long day = d.reviewDue().end().toEpochDay();
      doc.add(new LongPoint(IndexFields.REVIEW, day));
      doc.add(new NumericDocValuesField(IndexFields.REVIEW, day));
    }
    // The record without its text, as doc values: showing a hit reads these bytes as they are,
    // where a stored field would first decompress the block that also holds the long texts.
    doc.add(
        new BinaryDocValuesField(
            IndexFields.RECORD, new BytesRef(json.writeValueAsBytes(slim(d)))));
    return facets.build(doc);
  }

  /**
   * Why the record's document could not be read, or null: kept with its stamp, so that a re-run can
   * report an unchanged file that failed with its reason, without reading the record.
   */
  static String failure(MapDocument d) {
    Extraction e = d.mainDocument() == null ? null : d.mainDocument().extraction();
    if (e == null) {
      return null;
    }
    String reason = e.reason() == null ? e.status().value() : e.reason();
    return switch (e.status()) {
      case FAILED -> reason;
      // Read, but no text came out (a scan before Tesseract was installed): worth reading again
      // when asked, like a failure; marked so that a re-run reports it as no-text.
      case NO_TEXT -> NO_TEXT_MARK + reason;
      default -> null;
    };
  }

  /** Starts the stamp's reason of a document that was read but gave no text. */
  public static final String NO_TEXT_MARK = "no-text: ";

  /** The record as stored: without the bulky text, which lives in its own stored fields. */
  private static MapDocument slim(MapDocument d) {
    LinkedDocument main = d.mainDocument();
    if (main != null && main.extraction() != null) {
      main = main.withExtraction(main.extraction().withoutText());
    }
    return d.toBuilder().text(null).mainDocument(main).build();
  }

  /** The record of {@code doc} (a top-level doc id of {@code reader}), without its text. */
  public MapDocument record(IndexReader reader, int doc) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    BinaryDocValues values = leaf.reader().getBinaryDocValues(IndexFields.RECORD);
    if (values == null || !values.advanceExact(doc - leaf.docBase)) {
      // An index written before records moved to doc values (until the next ingest, which
      // rewrites every record because the schema changed): the stored record.
      String stored =
          reader.storedFields().document(doc, Set.of(IndexFields.JSON)).get(IndexFields.JSON);
      if (stored == null) {
        throw new IllegalStateException("document " + doc + " has no record");
      }
      return fromStored(stored);
    }
    BytesRef bytes = values.binaryValue();
    return json.readValue(bytes.bytes, bytes.offset, bytes.length, MapDocument.class);
  }

  /** Reads back the stored record (without page text). */
  public MapDocument fromStored(String storedJson) {
    try {
      return json.readValue(storedJson, MapDocument.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("index holds a record this version cannot read", e);
    }
  }

  private static void addText(Document doc, String field, String value) {
    if (value != null && !value.isBlank()) {
      doc.add(new Field(field, value, TEXT_WITH_OFFSETS));
    }
  }

  private static void addDate(Document doc, String field, PartialDate date) {
    if (date != null) {
      long day = date.start().toEpochDay();
      doc.add(new LongPoint(field, day));
      doc.add(new NumericDocValuesField(field, day));
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
