package org.maptoolkit.search.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchService;

/**
 * Validates search parameters (from a query string or a JSON body, both as name to values) into a
 * {@link SearchRequest}, refusing anything unknown or malformed with its own error code.
 */
public final class SearchParams {
  public static final int MAX_QUERY_LENGTH = 500;
  public static final int MAX_WINDOW = 10_000;
  public static final int MAX_FILTER_VALUES = 50;
  private static final java.util.regex.Pattern LEADING_WILDCARD =
      java.util.regex.Pattern.compile("(^|[\\s(:\"+-])[*?]");

  /** Parameters besides the facets of the registry, each of which is a filter too. */
  static final Set<String> PARAMETERS =
      Set.of(
          "q",
          "from",
          "to",
          "updated_from",
          "updated_to",
          "sort",
          "mode",
          "page",
          "size",
          "facets",
          "snippets",
          "format",
          "cursor",
          "bom");

  /** Every parameter a search takes: the above and one per facet. */
  static final Set<String> KNOWN = knownNames();

  private static Set<String> knownNames() {
    Set<String> all = new java.util.TreeSet<>(PARAMETERS);
    Facet.ALL.forEach(f -> all.add(f.name()));
    return Set.copyOf(all);
  }

  private SearchParams() {}

  /** Every parameter a search takes: the names of its query string and of its JSON body. */
  public static Set<String> known() {
    return KNOWN;
  }

  public static SearchRequest parse(Map<String, List<String>> params) {
    for (String name : params.keySet()) {
      if (!KNOWN.contains(name)) {
        throw new ApiException(
            ErrorCode.UNKNOWN_PARAMETER,
            "unknown parameter '" + clip(name) + "'; known: " + String.join(", ", sorted(KNOWN)));
      }
    }
    String q = single(params, "q");
    if (q != null && q.length() > MAX_QUERY_LENGTH) {
      throw new ApiException(
          ErrorCode.QUERY_TOO_LONG,
          "q is " + q.length() + " characters; the limit is " + MAX_QUERY_LENGTH);
    }
    if (q != null && LEADING_WILDCARD.matcher(q).find()) {
      // A term that starts with a wildcard scans every term of the index: refused, not slowed.
      throw new ApiException(
          ErrorCode.LEADING_WILDCARD,
          "a word may not start with * or ?; put the wildcard at the end");
    }
    int page = integer(params, "page", 1, ErrorCode.INVALID_PAGE);
    if (page < 1) {
      throw new ApiException(ErrorCode.INVALID_PAGE, "page must be 1 or more, got " + page);
    }
    int size = integer(params, "size", 10, ErrorCode.INVALID_SIZE);
    if (size < 1 || size > SearchRequest.MAX_SIZE) {
      throw new ApiException(
          ErrorCode.INVALID_SIZE,
          "size must be between 1 and " + SearchRequest.MAX_SIZE + ", got " + size);
    }
    String cursor = single(params, "cursor");
    if (cursor != null && cursor.isBlank()) {
      cursor = null;
    }
    if (cursor != null && (cursor.length() > 1000 || page != 1)) {
      throw new ApiException(
          ErrorCode.INVALID_CURSOR, "give a cursor from a previous response, without page");
    }
    if (cursor == null && (long) page * size > MAX_WINDOW) {
      throw new ApiException(
          ErrorCode.PAGE_OUT_OF_RANGE,
          "page * size must be at most " + MAX_WINDOW + "; use nextCursor to go deeper");
    }
    SearchRequest.Sort sort = sort(single(params, "sort"));
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (Facet facet : Facet.ALL) {
      List<String> values = new ArrayList<>();
      for (String v : params.getOrDefault(facet.name(), List.of())) {
        if (v == null || v.isBlank()) {
          continue;
        }
        values.add(validFilter(facet, v.strip()));
      }
      if (values.size() > MAX_FILTER_VALUES) {
        throw new ApiException(
            ErrorCode.INVALID_FILTER,
            "at most " + MAX_FILTER_VALUES + " values of " + facet.name());
      }
      if (!values.isEmpty()) {
        filters.put(facet.name(), values);
      }
    }
    SearchRequest.DateRange published = range(params, "from", "to");
    SearchRequest.DateRange updated = range(params, "updated_from", "updated_to");
    return new SearchRequest(
        q, filters, sort, page, size, published, updated, cursor, mode(single(params, "mode")));
  }

  /** A date range from two optional bounds, each a year, a year-month or a day. */
  private static SearchRequest.DateRange range(
      Map<String, List<String>> params, String fromName, String toName) {
    String from = single(params, fromName);
    String to = single(params, toName);
    if ((from == null || from.isBlank()) && (to == null || to.isBlank())) {
      return null;
    }
    LocalDate start = from == null || from.isBlank() ? null : bound(fromName, from, true);
    LocalDate end = to == null || to.isBlank() ? null : bound(toName, to, false);
    if (start != null && end != null && start.isAfter(end)) {
      throw new ApiException(
          ErrorCode.INVALID_DATE,
          fromName + " (" + clip(from) + ") is after " + toName + " (" + clip(to) + ")");
    }
    return new SearchRequest.DateRange(start, end);
  }

  /** The first (or last) day of the period a date names: 2019, 2019-03 or 2019-03-15. */
  private static LocalDate bound(String name, String value, boolean first) {
    String v = value.strip();
    try {
      if (v.matches("\\d{4}")) {
        int y = Integer.parseInt(v);
        return first ? LocalDate.of(y, 1, 1) : LocalDate.of(y, 12, 31);
      }
      if (v.matches("\\d{4}-\\d{2}")) {
        java.time.YearMonth ym = java.time.YearMonth.parse(v);
        return first ? ym.atDay(1) : ym.atEndOfMonth();
      }
      if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(v);
      }
    } catch (java.time.DateTimeException e) {
      // falls through to the error below
    }
    throw new ApiException(
        ErrorCode.INVALID_DATE,
        name + " must be YYYY, YYYY-MM or YYYY-MM-DD, got '" + clip(v) + "'");
  }

  private static String validFilter(Facet facet, String value) {
    if (value.length() > 200) {
      throw new ApiException(ErrorCode.INVALID_FILTER, facet.name() + " value is too long");
    }
    return facet
        .accept(value)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.INVALID_FILTER,
                    facet.closedValues().isEmpty()
                        ? facet.name()
                            + " must be "
                            + facet.expected()
                            + ", got '"
                            + clip(value)
                            + "'"
                        : facet.name()
                            + " must be one of "
                            + String.join(", ", facet.closedValues())
                            + "; got '"
                            + clip(value)
                            + "'"));
  }

  /** Whether a CSV starts with a UTF-8 byte-order mark, so Excel reads its accents (default). */
  public static boolean bom(Map<String, List<String>> params) {
    return flag(params, "bom");
  }

  /** The {@code facets} and {@code snippets} switches (both default to true). */
  public static SearchService.Options options(Map<String, List<String>> params) {
    return new SearchService.Options(flag(params, "facets"), flag(params, "snippets"));
  }

  private static boolean flag(Map<String, List<String>> params, String name) {
    String v = single(params, name);
    if (v == null || v.isBlank() || v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ApiException(
        ErrorCode.INVALID_FLAG, name + " must be true or false, got '" + clip(v) + "'");
  }

  /** The mode asked for, or null for the service's default. */
  private static SearchRequest.Mode mode(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (SearchRequest.Mode m : SearchRequest.Mode.values()) {
      if (m.id().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new ApiException(
        ErrorCode.INVALID_MODE,
        "mode must be one of keyword, semantic, hybrid; got '" + clip(value) + "'");
  }

  private static SearchRequest.Sort sort(String value) {
    if (value == null || value.isBlank()) {
      return SearchRequest.Sort.RELEVANCE;
    }
    try {
      return SearchRequest.Sort.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          ErrorCode.INVALID_SORT,
          "sort must be one of relevance, newest, oldest, review, title; got '"
              + clip(value)
              + "'");
    }
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      ErrorCode code =
          switch (name) {
            case "page" -> ErrorCode.INVALID_PAGE;
            case "size" -> ErrorCode.INVALID_SIZE;
            case "sort" -> ErrorCode.INVALID_SORT;
            case "mode" -> ErrorCode.INVALID_MODE;
            default -> ErrorCode.UNKNOWN_PARAMETER;
          };
      throw new ApiException(code, name + " may be given once");
    }
    return values.getFirst();
  }

  private static int integer(
      Map<String, List<String>> params, String name, int dflt, ErrorCode code) {
    String v = single(params, name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new ApiException(code, name + " must be a whole number, got '" + clip(v) + "'");
    }
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  /** Echoes at most a little of a bad value, so error messages stay short and safe. */
  static String clip(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }
}
