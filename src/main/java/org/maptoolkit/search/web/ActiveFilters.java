package org.maptoolkit.search.web;

import java.util.ArrayList;
import java.util.List;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.web.view.SearchPage;

/** The bar above the results: every filter, date and sort in force, each with a way to drop it. */
final class ActiveFilters {
  private ActiveFilters() {}

  /** Whether any filter, date or sort other than relevance is in force. */
  static boolean any(SearchRequest request, PageState state) {
    return !request.filters().isEmpty()
        || request.published() != null
        || request.updated() != null
        || (!state.first("sort").isEmpty() && !state.first("sort").equals("relevance"));
  }

  /** Each filter, date and sort in force, with the search without it. */
  static List<SearchPage.Active> of(SearchRequest request, PageState state) {
    List<SearchPage.Active> out = new ArrayList<>();
    request
        .filters()
        .forEach(
            (name, values) -> {
              Facet facet = Facet.named(name).orElseThrow();
              for (String v : values) {
                out.add(
                    new SearchPage.Active(
                        facet.label(), facet.display().apply(v), state.without(name, v).href()));
              }
            });
    for (String[] d :
        new String[][] {
          {"from", "Published from"},
          {"to", "Published to"},
          {"updated_from", "Updated from"},
          {"updated_to", "Updated to"}
        }) {
      if (!state.first(d[0]).isEmpty()) {
        out.add(new SearchPage.Active(d[1], state.first(d[0]), state.with(d[0], null).href()));
      }
    }
    String sort = state.first("sort");
    if (!sort.isEmpty() && !sort.equals("relevance")) {
      String label =
          SearchPageView.SORTS.stream()
              .filter(s -> s[0].equals(sort))
              .map(s -> s[1])
              .findFirst()
              .orElse(sort);
      out.add(new SearchPage.Active("Sorted by", label, state.with("sort", null).href()));
    }
    return out;
  }
}
