package org.maptoolkit.search.search;

import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.maptoolkit.search.index.IndexFields;

/** The result orders as Lucene sorts; relevance is Lucene's own order (null). */
final class Sorts {
  /**
   * The last tie-break: records of the same date and score in title order, not in the order an
   * ingest's threads happened to index them.
   */
  private static final SortField BY_TITLE =
      new SortField(IndexFields.TITLE_SORT, SortField.Type.STRING);

  private Sorts() {}

  static Sort of(SearchRequest.Sort sort) {
    return switch (sort) {
      case RELEVANCE -> null;
      case NEWEST -> byDate(true);
      case OLDEST -> byDate(false);
      case TITLE -> new Sort(new SortField(IndexFields.TITLE_SORT, SortField.Type.STRING));
      case REVIEW ->
          // Soonest due first; records without a review date last.
          new Sort(
              new SortField(IndexFields.REVIEW, SortField.Type.LONG, false, Long.MAX_VALUE),
              SortField.FIELD_SCORE,
              BY_TITLE);
    };
  }

  private static Sort byDate(boolean newestFirst) {
    // Undated records go last either way.
    return new Sort(
        new SortField(
            IndexFields.PUBLISHED,
            SortField.Type.LONG,
            newestFirst,
            newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE),
        SortField.FIELD_SCORE,
        BY_TITLE);
  }
}
