package org.maptoolkit.search.search;

import java.util.List;
import java.util.Map;

/**
 * One page of results with the total, the facet counts and how the query was understood.
 *
 * @param queryFallback true when the query's syntax was invalid and it was run as plain words
 * @param suggestion a corrected query when this one found little ("did you mean"), or null
 * @param nextCursor continues after this page's last hit (for paging past 10,000), or null
 * @param partial true when the query ran out of time and these are the results found so far
 * @param fuzzy true when a one-word query found nothing and was retried allowing typos
 */
public record SearchResult(
    long total,
    int page,
    int size,
    List<Hit> hits,
    Map<String, List<FacetValue>> facets,
    boolean queryFallback,
    long tookMicros,
    String suggestion,
    boolean fuzzy,
    boolean partial,
    String nextCursor) {

  /** The same result, reporting how long this request took (a cached result is reused). */
  public SearchResult withTook(long micros) {
    return new SearchResult(
        total,
        page,
        size,
        hits,
        facets,
        queryFallback,
        micros,
        suggestion,
        fuzzy,
        partial,
        nextCursor);
  }

  /** A facet value and how many matching documents have it. */
  public record FacetValue(String value, long count) {}

  /**
   * One result.
   *
   * @param url where the item lives: its published URL, or null when only MAP Search shows it
   * @param published ISO date at its precision ({@code 2016-12-01}, {@code 2017-01}, {@code 2018})
   * @param snippet the best passage with matched words in {@code <mark>}, HTML-escaped
   * @param snippetPage the PDF page of the snippet, when it came from a paged document
   * @param mainDocument the main document's link as written, or null
   * @param extraction the main document's extraction status, or null
   */
  public record Hit(
      String id,
      String type,
      String title,
      String url,
      String source,
      List<String> audience,
      String published,
      String updated,
      String reviewDue,
      String snippet,
      String snippetField,
      Integer snippetPage,
      String mainDocument,
      boolean mainDocumentLocal,
      String extraction,
      float score) {}
}
