package org.maptoolkit.search.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.web.view.SearchPage;

/**
 * The facet checkboxes of the search page: values some result has, and every ticked value even at
 * zero (a ticked box never disappears), with ids that stay the same for the same value.
 */
final class FacetChoices {
  /** Facet values shown before "N more": enough for the common choices, short enough to scan. */
  static final int VISIBLE_VALUES = 6;

  private FacetChoices() {}

  static List<SearchPage.FacetBlock> of(SearchRequest request, SearchResult result) {
    List<SearchPage.FacetBlock> out = new ArrayList<>();
    for (Map.Entry<String, List<SearchResult.FacetValue>> e : result.facets().entrySet()) {
      Facet facet = Facet.named(e.getKey()).orElseThrow();
      List<String> selected = request.filters().getOrDefault(facet.name(), List.of());
      List<SearchResult.FacetValue> values = new ArrayList<>();
      Set<String> listed = new LinkedHashSet<>();
      for (SearchResult.FacetValue v : e.getValue()) {
        // A value no result has is no choice, unless it is ticked: then it must stay visible.
        if (v.count() > 0 || selected.contains(v.value())) {
          values.add(v);
          listed.add(v.value());
        }
      }
      for (String s : selected) {
        if (!listed.contains(s)) {
          values.add(new SearchResult.FacetValue(s, 0));
        }
      }
      if (values.isEmpty()) {
        continue;
      }
      List<SearchPage.Choice> choices = new ArrayList<>();
      Set<String> ids = new LinkedHashSet<>();
      for (SearchResult.FacetValue v : values) {
        String id = "f-" + facet.name() + "-" + slug(v.value());
        for (int n = 2; !ids.add(id); n++) {
          id = "f-" + facet.name() + "-" + slug(v.value()) + "-" + n;
        }
        choices.add(
            new SearchPage.Choice(
                id,
                v.value(),
                facet.display().apply(v.value()),
                v.count(),
                selected.contains(v.value())));
      }
      List<SearchPage.Choice> shown = choices.subList(0, Math.min(VISIBLE_VALUES, choices.size()));
      List<SearchPage.Choice> more =
          choices.size() > VISIBLE_VALUES
              ? choices.subList(VISIBLE_VALUES, choices.size())
              : List.of();
      out.add(
          new SearchPage.FacetBlock(
              facet.name(),
              facet.label(),
              List.copyOf(shown),
              List.copyOf(more),
              more.stream().anyMatch(SearchPage.Choice::checked)));
    }
    return out;
  }

  /** A stable id part for a value: the same value keeps its checkbox's id across searches. */
  private static String slug(String value) {
    String s =
        java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKD)
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-|-$)", "");
    return s.isEmpty() ? Integer.toHexString(value.hashCode()) : s;
  }
}
