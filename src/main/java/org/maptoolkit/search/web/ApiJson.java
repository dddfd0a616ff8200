package org.maptoolkit.search.web;

import java.util.List;
import java.util.Map;
import org.maptoolkit.search.search.SearchResult;

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

  static SearchResponse of(String query, SearchResult r) {
    List<HitJson> hits =
        r.hits().stream()
            .map(
                h -> {
                  String mainUrl =
                      h.mainDocument() == null
                          ? null
                          : h.mainDocumentLocal() ? fileUrl(h.id()) : h.mainDocument();
                  String link =
                      h.snippetPage() != null && mainUrl != null
                          ? mainUrl + "#page=" + h.snippetPage()
                          : null;
                  return new HitJson(
                      h.id(),
                      h.type(),
                      h.title(),
                      h.url() != null ? h.url() : viewUrl(h.id()),
                      h.source(),
                      h.audience(),
                      h.published(),
                      h.updated(),
                      h.reviewDue(),
                      new SnippetJson(h.snippet(), h.snippetField(), h.snippetPage(), link),
                      mainUrl == null ? null : new MainDocumentJson(mainUrl, h.extraction()));
                })
            .toList();
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
        r.tookMicros() / 1000.0);
  }
}
