package org.maptoolkit.search.index;

import java.util.List;
import org.apache.lucene.facet.FacetsConfig;
import org.maptoolkit.search.document.Facet;

/** The Lucene field names and facet configuration; no other package names a Lucene field. */
public final class IndexFields {
  public static final String ID = "id";
  public static final String ORIGIN = "origin";
  public static final String HASH = "hash";
  public static final String STAMP = "stamp";

  /**
   * A record's passages (semantic search) are child documents written before it in one block: this
   * field of each names its record, so that replacing or deleting the record takes them too.
   */
  public static final String PASSAGE_OF = "passage_of";

  /** A passage's vector (HNSW; dot product of unit vectors, i.e. cosine). */
  public static final String PASSAGE_VECTOR = "passage_vector";

  /** Id, type and title as doc values: lists that show only those never load the stored record. */
  public static final String LABEL = "label";

  /** The record as stored JSON: indexes written before {@link #RECORD}; read as a fallback. */
  public static final String JSON = "json";

  /**
   * The record (without its text) as JSON in binary doc values. A field of its own: a field's doc
   * values type cannot change in an existing index.
   */
  public static final String RECORD = "record";

  public static final String TYPE = "type";
  public static final String TITLE = "title";
  public static final String TITLE_SORT = "title_sort";
  public static final String SUMMARY = "summary";
  public static final String FEATURES = "features";
  public static final String IMPACT = "impact";
  public static final String TEXT = "text";
  public static final String DOC = "doc";
  public static final String PUBLISHED = "published";
  public static final String UPDATED = "updated";
  public static final String REVIEW = "review";
  public static final String SUGGEST = "suggest";
  public static final String RELATED = "related";
  public static final String ALL = "all";

  /** Facet dimensions the index stores, named as the facet registry names them. */
  public static final List<String> FACETS = Facet.INDEXED.stream().map(Facet::name).toList();

  /** Text fields a query may name ({@code title:}), besides {@code all}, searched by default. */
  public static final List<String> SEARCHED =
      List.of(ALL, TITLE, SUMMARY, FEATURES, IMPACT, TEXT, DOC);

  private IndexFields() {}

  /** The facet configuration shared by indexing and search. */
  public static FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    for (Facet facet : Facet.INDEXED) {
      config.setMultiValued(facet.name(), facet.multiValued());
    }
    return config;
  }
}
