package org.maptoolkit.search.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maptoolkit.search.search.SearchRequest;

/**
 * The page's reading of a search URL: unlike the API, which refuses a request with one bad
 * parameter, the page keeps everything that is right and says, beside each field, what was wrong,
 * so a mistyped date never throws away the query.
 *
 * @param request the search to run, without the parameters that were wrong
 * @param state the valid parameters, for links
 * @param given every value as the user gave it, to show in the form
 * @param errors each wrong parameter's message, by parameter name
 * @param ignored parameters the page does not take
 */
record PageParams(
    SearchRequest request,
    PageState state,
    Map<String, List<String>> given,
    Map<String, String> errors,
    List<String> ignored) {

  /** API parameters that mean nothing on the page. */
  private static final Set<String> API_ONLY =
      Set.of("format", "facets", "snippets", "cursor", "bom");

  static PageParams read(Map<String, List<String>> params) {
    Map<String, List<String>> good = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    for (var e : params.entrySet()) {
      String name = e.getKey();
      if (!PageState.ORDER.contains(name) || API_ONLY.contains(name)) {
        ignored.add(name);
        continue;
      }
      try {
        SearchParams.parse(Map.of(name, e.getValue()));
        good.put(name, e.getValue());
      } catch (ApiException x) {
        errors.put(name, x.getMessage());
      }
    }
    // A range is checked as a pair: the later bound is the one to fix.
    for (String[] pair : new String[][] {{"from", "to"}, {"updated_from", "updated_to"}}) {
      if (good.containsKey(pair[0]) && good.containsKey(pair[1])) {
        try {
          SearchParams.parse(Map.of(pair[0], good.get(pair[0]), pair[1], good.get(pair[1])));
        } catch (ApiException x) {
          errors.put(pair[1], x.getMessage());
          good.remove(pair[1]);
        }
      }
    }
    SearchRequest request;
    try {
      request = SearchParams.parse(good);
    } catch (ApiException x) {
      // Each parameter was fine alone but not together (page beyond the window at this size).
      errors.put("page", x.getMessage());
      good.remove("page");
      request = SearchParams.parse(good);
    }
    return new PageParams(request, new PageState(good), params, errors, ignored);
  }

  /** The value given for {@code name}, valid or not, or "". */
  String given(String name) {
    List<String> values = given.get(name);
    return values == null || values.isEmpty() || values.getFirst() == null ? "" : values.getFirst();
  }
}
