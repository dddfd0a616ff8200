package org.maptoolkit.search.search;

import java.util.List;
import java.util.Map;
import org.maptoolkit.search.document.MapDocument;

/**
 * One page of results with the total, the facet counts and how the query was understood.
 *
 * @param facets counts per facet name, in registry order (empty when not asked for)
 * @param queryFallback true when the query's syntax was invalid and it was run as plain words
 * @param suggestion a corrected query when this one found little ("did you mean"), or null
 * @param nextCursor continues after this page's last hit (for paging past 10,000), or null
 * @param partial true when the query ran out of time and these are the results found so far
 * @param fuzzy true when a one-word query found nothing and was retried allowing typos
 * @param mode how the words were matched (keyword, semantic or hybrid)
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
    String nextCursor,
    SearchRequest.Mode mode) {

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
        nextCursor,
        mode);
  }

  /** A facet value and how many matching records have it. */
  public record FacetValue(String value, long count) {}

  /**
   * One result: the record as stored (without its long text), the passage that shows why it matched
   * (null when snippets were not asked for), and its score.
   */
  public record Hit(MapDocument record, Snippet snippet, float score) {
    /** The record's id. */
    public String id() {
      return record.id();
    }
  }
}
