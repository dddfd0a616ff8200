package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maptoolkit.search.search.DiscoveryService;
import org.maptoolkit.search.search.SearchService;

/**
 * {@code GET /api/suggest} (autocomplete), {@code GET /api/documents/{id}/similar} and {@code GET
 * /api/documents/{id}/related} (a driver's aligned stories, a story's drivers).
 */
public final class DiscoveryController implements Controller {
  private final DiscoveryService discovery;
  private final SearchService search;

  public DiscoveryController(DiscoveryService discovery, SearchService search) {
    this.discovery = discovery;
    this.search = search;
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/api/suggest", this::suggest);
    routes.get("/api/documents/{id}/similar", this::similar);
    routes.get("/api/documents/{id}/related", this::related);
  }

  /** The suggestions: JSON by default; OpenSearch's array form with {@code format=opensearch}. */
  private void suggest(Context ctx) {
    Set<String> known = new java.util.TreeSet<>(Set.of("q", "limit", "format"));
    org.maptoolkit.search.document.Facet.ALL.forEach(f -> known.add(f.name()));
    QueryParams.only(ctx, known);
    String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
    if (q.length() > 100) {
      throw new ApiException(
          ErrorCode.QUERY_TOO_LONG, "q is " + q.length() + " characters; the limit is 100");
    }
    int limit = number(ctx, "limit", 8, 1, 20);
    // Preset filters of an embedded box: suggestions from the records it would find.
    Map<String, List<String>> params = new java.util.LinkedHashMap<>();
    org.maptoolkit.search.document.Facet.ALL.forEach(
        f -> {
          List<String> values = ctx.queryParams(f.name());
          if (!values.isEmpty()) {
            params.put(f.name(), values);
          }
        });
    Map<String, List<String>> filters =
        params.isEmpty() ? Map.of() : SearchParams.parse(params).filters();
    List<DiscoveryService.Suggestion> suggestions = discovery.suggest(q, limit, filters);
    String format = ctx.queryParam("format");
    if ("opensearch".equals(format)) {
      ctx.contentType("application/x-suggestions+json; charset=utf-8")
          .result(
              toJson(
                  List.of(
                      q, suggestions.stream().map(DiscoveryService.Suggestion::text).toList())));
      return;
    }
    if (format != null && !format.equals("json")) {
      throw new ApiException(ErrorCode.INVALID_FORMAT, "format must be json or opensearch");
    }
    ctx.json(Map.of("query", q, "suggestions", suggestions));
  }

  private void similar(Context ctx) {
    QueryParams.only(ctx, Set.of("size"));
    String id = known(ctx);
    ctx.json(Map.of("id", id, "similar", discovery.similar(id, number(ctx, "size", 5, 1, 50))));
  }

  private void related(Context ctx) {
    QueryParams.only(ctx, Set.of());
    var record = search.require(ctx.pathParam("id"));
    ctx.json(Map.of("id", record.id(), "related", discovery.related(record)));
  }

  private String known(Context ctx) {
    return search.require(ctx.pathParam("id")).id();
  }

  private static int number(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    ErrorCode code = name.equals("size") ? ErrorCode.INVALID_SIZE : ErrorCode.INVALID_LIMIT;
    throw new ApiException(
        code,
        name
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", got '"
            + SearchParams.clip(v)
            + "'");
  }

  private static String toJson(Object value) {
    try {
      return org.maptoolkit.search.document.Json.mapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
