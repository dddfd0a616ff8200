package org.maptoolkit.search.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.web.view.Link;
import org.maptoolkit.search.web.view.SearchPage;

/** Makes the search page's view from what was asked and what the search found. */
final class SearchPageView {
  /** How words are matched: the default (both, fused), or one way alone. */
  static final List<String[]> MODES =
      List.of(
          new String[] {"", "Words and meaning"},
          new String[] {"keyword", "Words only"},
          new String[] {"semantic", "Meaning only"});

  static final List<String[]> SORTS =
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
    return of(params, result, everything, false, null);
  }

  /**
   * @param semantic whether search by meaning is offered (the model runs and the index has
   *     passages)
   * @param modeNotice why the mode asked for could not be used, or null
   */
  static SearchPage of(
      PageParams params,
      SearchResult result,
      Long everything,
      boolean semantic,
      String modeNotice) {
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
    List<SearchPage.Option> modes = new ArrayList<>();
    if (semantic) {
      String mode = state.first("mode");
      for (String[] m : MODES) {
        modes.add(new SearchPage.Option(m[0], m[1], m[0].equals(mode)));
      }
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
        modes,
        params.errors().get("sort"),
        generalError(params),
        notices(params, result, modeNotice),
        ActiveFilters.of(request, state),
        ActiveFilters.any(request, state) ? state.queryOnly().href() : null,
        withoutFilters(request, state, result, everything),
        FacetChoices.of(request, result),
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

  private static List<SearchPage.Notice> notices(
      PageParams params, SearchResult result, String modeNotice) {
    List<SearchPage.Notice> out = new ArrayList<>();
    if (modeNotice != null) {
      out.add(new SearchPage.Notice(modeNotice, null, ""));
    }
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
