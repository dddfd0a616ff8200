package org.maptoolkit.search.index;

import java.util.List;
import org.apache.lucene.facet.FacetsConfig;

/** The Lucene field names and facet configuration; no other package names a Lucene field. */
public final class IndexFields {
  public static final String ID = "id";
  public static final String ORIGIN = "origin";
  public static final String HASH = "hash";
  public static final String STAMP = "stamp";

  /** Id, type and title as doc values: lists that show only those never load the stored record. */
  public static final String LABEL = "label";

  public static final String JSON = "json";
  public static final String TYPE = "type";
  public static final String TITLE = "title";
  public static final String TITLE_SORT = "title_sort";
  public static final String SUMMARY = "summary";
  public static final String FEATURES = "features";
  public static final String IMPACT = "impact";
  public static final String TEXT = "text";
  public static final String DOC = "doc";
  public static final String SOURCE = "source";
  public static final String AUDIENCE = "audience";
  public static final String YEAR = "year";
  public static final String PUBLISHED = "published";
  public static final String UPDATED = "updated";
  public static final String REVIEW = "review";
  public static final String SUGGEST = "suggest";
  public static final String RELATED = "related";
  public static final String ALL = "all";

  /** Facet dimensions, in the order the API lists them. */
  public static final List<String> FACETS = List.of(SOURCE, AUDIENCE, TYPE, YEAR);

  /** Text fields a query may name ({@code title:}), besides {@code all}, searched by default. */
  public static final List<String> SEARCHED =
      List.of(ALL, TITLE, SUMMARY, FEATURES, IMPACT, TEXT, DOC);

  private IndexFields() {}

  /** The facet configuration shared by indexing and search. */
  public static FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    config.setMultiValued(AUDIENCE, true);
    config.setMultiValued(SOURCE, true);
    config.setMultiValued(TYPE, false);
    config.setMultiValued(YEAR, false);
    return config;
  }
}
