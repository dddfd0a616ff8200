package org.maptoolkit.search.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.web.view.Link;
import org.maptoolkit.search.web.view.SearchPage;

/** Makes the search page's view from what was asked and what the search found. */
final class SearchPageView {
  /** Facet values shown before "N more": enough for the common choices, short enough to scan. */
  static final int VISIBLE_VALUES = 6;

  private static final List<String[]> SORTS =
      List.of(
          new String[] {"relevance", "relevance"},
          new String[] {"newest", "newest first"},
          new String[] {"oldest", "oldest first"},
          new String[] {"review", "review due"},
          new String[] {"title", "title"});

  private static final List<String[]> EXPORTS =
      List.of(
          new String[] {"atom", "Atom feed"},
          new String[] {"ris", "RIS"},
          new String[] {"bibtex", "BibTeX"},
          new String[] {"csv", "CSV"},
          new String[] {"report", "search report"});

  private SearchPageView() {}

  /**
   * @param everything how many records the query finds without its filters; null when not counted
   */
  static SearchPage of(PageParams params, SearchResult result, Long everything) {
    SearchRequest request = params.request();
    PageState state = params.state();
    String q = request.query();
    List<SearchPage.Field> dates = new ArrayList<>();
    for (String[] f : new String[][] {{"from", "Published from"}, {"to", "to"}}) {
      dates.add(
          new SearchPage.Field(
              f[0], f[1], params.given(f[0]), "e.g. 2019-03", params.errors().get(f[0])));
    }
    List<SearchPage.Option> sorts = new ArrayList<>();
    String sort = state.first("sort").isEmpty() ? "relevance" : state.first("sort");
    for (String[] s : SORTS) {
      sorts.add(new SearchPage.Option(s[0], s[1], s[0].equals(sort)));
    }
    List<SearchPage.Hidden> hidden = new ArrayList<>();
    for (String name : List.of("size", "updated_from", "updated_to")) {
      if (!state.first(name).isEmpty()) {
        hidden.add(new SearchPage.Hidden(name, state.first(name)));
      }
    }
    long pages =
        Math.min(
            (result.total() + request.size() - 1) / request.size(),
            SearchParams.MAX_WINDOW / request.size());
    return new SearchPage(
        title(q, request.page(), pages),
        state.href(),
        params.given("q"),
        hidden,
        dates,
        sorts,
        params.errors().get("sort"),
        generalError(params),
        notices(params, result),
        active(request, state),
        hasActive(request, state) ? state.queryOnly().href() : null,
        withoutFilters(request, state, result, everything),
        facets(request, result),
        result.total(),
        result.total() == 0 ? List.of() : exports(state),
        exportNote(result.total()),
        (request.page() - 1) * request.size() + 1,
        hits(result, state),
        pager(state, request.page(), pages));
  }

  private static String title(String q, int page, long pages) {
    String what = q.isBlank() ? "All records" : q;
    return what + (page > 1 ? " – page " + page + " of " + pages : "") + " – MAP Search";
  }

  /** Errors that belong to no field of the form, and parameters the page does not take. */
  private static String generalError(PageParams params) {
    List<String> parts = new ArrayList<>();
    params
        .errors()
        .forEach(
            (name, message) -> {
              if (!Set.of("from", "to", "sort").contains(name)) {
                parts.add(message);
              }
            });
    if (!params.ignored().isEmpty()) {
      parts.add(
          "ignored what the search page does not take: "
              + String.join(", ", params.ignored().stream().map(SearchParams::clip).toList()));
    }
    return parts.isEmpty() ? null : capitalise(String.join("; ", parts)) + ".";
  }

  private static List<SearchPage.Notice> notices(PageParams params, SearchResult result) {
    List<SearchPage.Notice> out = new ArrayList<>();
    String q = params.request().query();
    if (result.suggestion() != null) {
      out.add(
          new SearchPage.Notice(
              "Did you mean ",
              new Link(result.suggestion(), params.state().with("q", result.suggestion()).href()),
              "?"));
    }
    if (result.fuzzy()) {
      out.add(
          new SearchPage.Notice(
              "No record has “" + q + "” as written: showing words spelt like it.", null, ""));
    }
    if (result.queryFallback()) {
      out.add(
          new SearchPage.Notice(
              "Your search has characters with a special meaning (such as an unmatched quote or"
                  + " bracket), so it was run as plain words.",
              null,
              ""));
    }
    if (result.partial()) {
      out.add(
          new SearchPage.Notice(
              "The search took too long to finish: these are the results found so far.", null, ""));
    }
    return out;
  }

  private static boolean hasActive(SearchRequest request, PageState state) {
    return !request.filters().isEmpty()
        || request.published() != null
        || request.updated() != null
        || (!state.first("sort").isEmpty() && !state.first("sort").equals("relevance"));
  }

  private static List<SearchPage.Active> active(SearchRequest request, PageState state) {
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
          SORTS.stream().filter(s -> s[0].equals(sort)).map(s -> s[1]).findFirst().orElse(sort);
      out.add(new SearchPage.Active("Sorted by", label, state.with("sort", null).href()));
    }
    return out;
  }

  private static Link withoutFilters(
      SearchRequest request, PageState state, SearchResult result, Long everything) {
    if (result.total() > 0 || everything == null || everything == 0) {
      return null;
    }
    String count = everything + (everything == 1 ? " result" : " results");
    String label =
        request.query().isBlank()
            ? "Show everything (" + count + ")"
            : "Search for “" + request.query() + "” without filters (" + count + ")";
    return new Link(label, state.queryOnly().href());
  }

  private static List<SearchPage.FacetBlock> facets(SearchRequest request, SearchResult result) {
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

  private static List<Link> exports(PageState state) {
    String q = state.with("page", null).query();
    String api = "/api/search?" + (q.isEmpty() ? "" : q + "&");
    List<Link> out = new ArrayList<>();
    for (String[] f : EXPORTS) {
      out.add(new Link(f[1], api + "format=" + f[0]));
    }
    return out;
  }

  private static String exportNote(long total) {
    if (total == 0) {
      return "";
    }
    long held = Math.min(total, SearchRequest.EXPORT_LIMIT);
    String records =
        held == 1 ? "1 record" : String.format(java.util.Locale.UK, "%,d records", held);
    return "Keep or share this search (" + (total > held ? "the first " + records : records) + "):";
  }

  private static List<SearchPage.Hit> hits(SearchResult result, PageState state) {
    String back = state.query();
    List<SearchPage.Hit> out = new ArrayList<>();
    for (SearchResult.Hit hit : result.hits()) {
      MapDocument d = hit.record();
      String href =
          d.url() != null
              ? Links.encode(d.url())
              : "/documents/" + d.id() + (back.isEmpty() ? "" : "?back=" + PageState.encode(back));
      List<SearchPage.Meta> meta = new ArrayList<>();
      if (d.source() != null) {
        meta.add(new SearchPage.Meta(null, d.source(), null));
      }
      if (d.published() != null) {
        meta.add(
            new SearchPage.Meta("published", HumanDates.of(d.published()), d.published().iso()));
      }
      if (d.updated() != null) {
        meta.add(new SearchPage.Meta("updated", HumanDates.of(d.updated()), d.updated().iso()));
      }
      if (!d.audiences().isEmpty()) {
        meta.add(new SearchPage.Meta("for", String.join(", ", d.audiences()), null));
      }
      if (d.reviewDue() != null) {
        meta.add(
            new SearchPage.Meta("review due", HumanDates.of(d.reviewDue()), d.reviewDue().iso()));
      }
      Link pdfPage = null;
      if (hit.snippet() != null
          && hit.snippet().page() != null
          && d.mainDocument() != null
          && d.mainDocument().isLocal()) {
        int page = hit.snippet().page();
        pdfPage = new Link("PDF page " + page, "/api/documents/" + d.id() + "/file#page=" + page);
      }
      out.add(
          new SearchPage.Hit(
              href,
              d.title(),
              d.type().label(),
              meta,
              hit.snippet() == null || hit.snippet().parts().isEmpty() ? null : hit.snippet(),
              pdfPage));
    }
    return out;
  }

  private static SearchPage.Pager pager(PageState state, int page, long pages) {
    if (pages <= 1) {
      return null;
    }
    Link previous =
        page > 1
            ? new Link(
                "Previous", state.with("page", page == 2 ? null : String.valueOf(page - 1)).href())
            : null;
    Link next =
        page < pages ? new Link("Next", state.with("page", String.valueOf(page + 1)).href()) : null;
    return new SearchPage.Pager(previous, next, page, pages);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
