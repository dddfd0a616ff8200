package org.maptoolkit.search.web;

import java.util.List;
import java.util.Map;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.document.PartialDate;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.Snippet;

/** The JSON shapes of search responses, built from the search layer's results. */
public final class ApiJson {
  private ApiJson() {}

  /** {@code GET /api/search}. */
  public record SearchResponse(
      String query,
      long total,
      int page,
      int size,
      List<HitJson> hits,
      Map<String, List<SearchResult.FacetValue>> facets,
      boolean queryFallback,
      String notice,
      String suggestion,
      boolean fuzzy,
      boolean partial,
      String nextCursor,
      String mode,
      double tookMs) {}

  /** One hit; {@code url} is the item's page (its published URL, or MAP Search's view of it). */
  public record HitJson(
      String id,
      String type,
      String title,
      String url,
      String source,
      List<String> audience,
      String published,
      String updated,
      String reviewDue,
      SnippetJson snippet,
      MainDocumentJson mainDocument) {}

  /** The best passage: HTML with {@code <mark>}, its field, and its PDF page when known. */
  public record SnippetJson(String html, String field, Integer page, String link) {}

  /** The main document: where to open it, and how much of its text was extracted. */
  public record MainDocumentJson(String url, String extraction) {}

  static String viewUrl(String id) {
    return "/documents/" + id;
  }

  static String fileUrl(String id) {
    return "/api/documents/" + id + "/file";
  }

  /** The API's JSON for one hit. */
  static HitJson hit(SearchResult.Hit h) {
    MapDocument d = h.record();
    String mainUrl = mainDocumentUrl(d);
    Snippet snippet = h.snippet();
    SnippetJson snippetJson =
        snippet == null
            ? new SnippetJson(null, null, null, null)
            : new SnippetJson(
                SnippetHtml.render(snippet),
                snippet.field(),
                snippet.page(),
                snippet.page() != null && mainUrl != null
                    ? mainUrl + "#page=" + snippet.page()
                    : null);
    return new HitJson(
        d.id(),
        d.type().value(),
        d.title(),
        d.url() != null ? Links.encode(d.url()) : viewUrl(d.id()),
        d.source(),
        d.audiences(),
        iso(d.published()),
        iso(d.updated()),
        iso(d.reviewDue()),
        snippetJson,
        mainUrl == null
            ? null
            : new MainDocumentJson(
                mainUrl,
                d.mainDocument().extraction() == null
                    ? null
                    : d.mainDocument().extraction().status().value()));
  }

  /** Where a record's main document opens: MAP Search's copy of a local file, or its link. */
  static String mainDocumentUrl(MapDocument d) {
    LinkedDocument main = d.mainDocument();
    if (main == null) {
      return null;
    }
    return main.isLocal() ? fileUrl(d.id()) : Links.encode(main.href());
  }

  static String iso(PartialDate date) {
    return date == null ? null : date.iso();
  }

  static SearchResponse of(String query, SearchResult r) {
    List<HitJson> hits = r.hits().stream().map(ApiJson::hit).toList();
    return new SearchResponse(
        query,
        r.total(),
        r.page(),
        r.size(),
        hits,
        r.facets(),
        r.queryFallback(),
        r.queryFallback()
            ? "The query's syntax was not valid, so it was searched as plain words."
            : r.partial()
                ? "The search took too long; these are the results found in time."
                : r.fuzzy() ? "No exact match: showing results for words spelt like it." : null,
        r.suggestion(),
        r.fuzzy(),
        r.partial(),
        r.nextCursor(),
        r.mode() == null ? null : r.mode().id(),
        r.tookMicros() / 1000.0);
  }
}
