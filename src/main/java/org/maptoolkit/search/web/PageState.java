package org.maptoolkit.search.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.document.Facet;

/**
 * A search as the page's URL holds it: the one state that links, the form and the script all read
 * and write, in a fixed order so the same search always has the same URL.
 */
record PageState(Map<String, List<String>> params) {
  /** The parameters the page keeps, in URL order: the query, facets, dates, sort, size, page. */
  static final List<String> ORDER = order();

  private static List<String> order() {
    List<String> names = new ArrayList<>(List.of("q"));
    Facet.ALL.forEach(f -> names.add(f.name()));
    names.addAll(
        List.of("from", "to", "updated_from", "updated_to", "sort", "mode", "size", "page"));
    return List.copyOf(names);
  }

  PageState {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    for (String name : ORDER) {
      List<String> values =
          params.getOrDefault(name, List.of()).stream()
              .filter(v -> v != null && !v.isBlank())
              // The defaults say nothing: the same search has one URL.
              .filter(v -> !(name.equals("sort") && v.equals("relevance")))
              .filter(v -> !(name.equals("page") && v.equals("1")))
              .toList();
      if (!values.isEmpty()) {
        kept.put(name, values);
      }
    }
    params = java.util.Collections.unmodifiableMap(kept);
  }

  /** The first value of {@code name}, or "". */
  String first(String name) {
    List<String> values = params.get(name);
    return values == null ? "" : values.getFirst();
  }

  /** This state with {@code name} set to {@code value} (removed when null). */
  PageState with(String name, String value) {
    Map<String, List<String>> next = new LinkedHashMap<>(params);
    if (value == null) {
      next.remove(name);
    } else {
      next.put(name, List.of(value));
    }
    return new PageState(next);
  }

  /** This state without one value of {@code name}. */
  PageState without(String name, String value) {
    Map<String, List<String>> next = new LinkedHashMap<>(params);
    List<String> values = new ArrayList<>(next.getOrDefault(name, List.of()));
    values.remove(value);
    next.put(name, values);
    return new PageState(next);
  }

  /** Only the query (and result size): the search with no filter, date or sort. */
  PageState queryOnly() {
    Map<String, List<String>> next = new LinkedHashMap<>();
    for (String keep : List.of("q", "size")) {
      if (params.containsKey(keep)) {
        next.put(keep, params.get(keep));
      }
    }
    return new PageState(next);
  }

  /** The query string, without a leading {@code ?}; empty for the empty search. */
  String query() {
    StringBuilder out = new StringBuilder();
    params.forEach(
        (name, values) -> {
          for (String v : values) {
            if (!out.isEmpty()) {
              out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(v));
          }
        });
    return out.toString();
  }

  /** The page's URL for this state. */
  String href() {
    String q = query();
    return q.isEmpty() ? "/" : "/?" + q;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
