package org.maptoolkit.search.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.maptoolkit.search.document.Facet;

/**
 * A validated search: the query text, facet filters (values of one facet OR'ed, facets AND'ed), a
 * sort, and a page. Built by the web layer or the CLI after their own validation.
 *
 * @param filters facet name (source, audience, type, year, review) to the selected values
 * @param published publication dates to keep, or null
 * @param updated last-updated dates to keep, or null
 * @param cursor where to continue from (a previous response's nextCursor), or null
 * @param page 1-based page number
 * @param mode how the words are matched, or null for the service's default (hybrid where the index
 *     has passages and the model runs, else keyword)
 */
public record SearchRequest(
    String query,
    Map<String, List<String>> filters,
    Sort sort,
    int page,
    int size,
    DateRange published,
    DateRange updated,
    String cursor,
    Mode mode) {

  /** The most hits a page of the API holds. */
  public static final int MAX_SIZE = 100;

  /** The most records an export of a search holds, in the search's order. */
  public static final int EXPORT_LIMIT = 1000;

  /** How the words of a query are matched. */
  public enum Mode {
    /** By the words themselves (BM25 with synonyms). */
    KEYWORD,
    /** By meaning: the records whose passages are nearest the query in the model's space. */
    SEMANTIC,
    /** Both, fused: the records either finds, ranked by both. */
    HYBRID;

    /** The name the API uses. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A search in the default mode. */
  public SearchRequest(
      String query,
      Map<String, List<String>> filters,
      Sort sort,
      int page,
      int size,
      DateRange published,
      DateRange updated,
      String cursor) {
    this(query, filters, sort, page, size, published, updated, cursor, null);
  }

  /** The same search in {@code other} mode (null: the default). */
  public SearchRequest inMode(Mode other) {
    return new SearchRequest(query, filters, sort, page, size, published, updated, cursor, other);
  }

  /** Result orders. */
  public enum Sort {
    RELEVANCE,
    NEWEST,
    OLDEST,
    TITLE,
    /** Soonest due for review first; items without a review date last. */
    REVIEW
  }

  /** An inclusive range of days; either end may be open (null). */
  public record DateRange(java.time.LocalDate from, java.time.LocalDate to) {
    public DateRange {
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException("the range starts after it ends");
      }
    }
  }

  /** A search without date ranges. */
  public SearchRequest(
      String query, Map<String, List<String>> filters, Sort sort, int page, int size) {
    this(query, filters, sort, page, size, null, null, null);
  }

  /** A search from a page number (no cursor). */
  public SearchRequest(
      String query,
      Map<String, List<String>> filters,
      Sort sort,
      int page,
      int size,
      DateRange published,
      DateRange updated) {
    this(query, filters, sort, page, size, published, updated, null);
  }

  public SearchRequest {
    query = query == null ? "" : query.strip();
    filters = filters == null ? Map.of() : inFacetOrder(filters);
    sort = sort == null ? Sort.RELEVANCE : sort;
    if (page < 1) {
      throw new IllegalArgumentException("page must be at least 1");
    }
    if (size < 1 || size > EXPORT_LIMIT) {
      throw new IllegalArgumentException("size must be between 1 and " + EXPORT_LIMIT);
    }
  }

  /**
   * The filters in the order the facets are listed (then by name): the page lists active filters in
   * this order, and it must not change from one run to the next as {@code Map.copyOf}'s does.
   */
  private static Map<String, List<String>> inFacetOrder(Map<String, List<String>> filters) {
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    for (Facet f : Facet.ALL) {
      if (filters.containsKey(f.name())) {
        ordered.put(f.name(), List.copyOf(filters.get(f.name())));
      }
    }
    new TreeMap<>(filters).forEach((k, v) -> ordered.putIfAbsent(k, List.copyOf(v)));
    return Collections.unmodifiableMap(ordered);
  }

  /** The same search in another order. */
  public SearchRequest sortedBy(Sort other) {
    return new SearchRequest(query, filters, other, page, size, published, updated, cursor, mode);
  }

  /** The same search's first {@code limit} records, as one page (for an export). */
  public SearchRequest firstRecords(int limit) {
    return new SearchRequest(query, filters, sort, 1, limit, published, updated, null, mode);
  }

  /** A first page of ten by relevance. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, Map.of(), Sort.RELEVANCE, 1, 10);
  }
}
