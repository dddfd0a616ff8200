package org.maptoolkit.search.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.format.Exports;

/**
 * {@code GET/POST /api/search} in every format ({@code json}, {@code atom}, {@code ris}, {@code
 * bibtex}, {@code csv}, {@code report}, {@code report-csv}), {@code GET /api/export} for a
 * selection of ids, and {@code GET /opensearch.xml}. Responses carry an ETag that changes only with
 * the index, and a matching {@code If-None-Match} gets a 304.
 *
 * <p>Just over 300 lines: the formats share one request's validation and validators; their bodies
 * are written by {@code web.format}.
 */
public final class SearchController implements Controller {
  static final Set<String> FORMATS =
      Set.of("json", "atom", "ris", "bibtex", "csv", "report", "report-csv");

  /** Most records an export of a search holds (the API's pages hold at most 100). */
  public static final int EXPORT_LIMIT = SearchRequest.EXPORT_LIMIT;

  private final SearchService search;
  private final RequestOrigin origin;
  private final ObjectMapper json = Json.mapper();

  public SearchController(SearchService search, RequestOrigin origin) {
    this.search = search;
    this.origin = origin;
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/api/search", ctx -> search(ctx, ctx.queryParamMap(), requestKey(ctx)));
    routes.post(
        "/api/search",
        ctx -> {
          QueryParams.only(ctx, Set.of(), "a POST search takes its parameters in the JSON body");
          // No validators: a POST's answer is not a representation of /api/search that a later
          // request could revalidate (RFC 9110 13.1.2 would make a match a 412, not a 304).
          search(ctx, body(ctx), null);
        });
    routes.get("/api/export", this::export);
    routes.get("/opensearch.xml", this::openSearch);
  }

  /**
   * A search; {@code cacheKey} names what the response depends on for its ETag, or is null for a
   * response without validators.
   */
  private void search(Context ctx, Map<String, List<String>> params, String cacheKey) {
    // Validated before any validator is sent: a bad request is a 400, never a 304.
    String format = format(params);
    SearchRequest request = SearchParams.parse(params);
    boolean bom = SearchParams.bom(params);
    if (cacheKey != null && notModified(ctx, cacheKey)) {
      return;
    }
    if (format.equals("atom") && !params.containsKey("sort")) {
      // A feed is read for what is new: newest first unless asked otherwise.
      request = request.sortedBy(SearchRequest.Sort.NEWEST);
    }
    boolean export = EXPORTS.contains(format);
    if (export) {
      // An export holds the search's records, not one page of them.
      request = request.firstRecords(EXPORT_LIMIT);
    }
    SearchService.Options options =
        format.equals("json")
            ? SearchParams.options(params)
            : new SearchService.Options(false, !format.startsWith("report"));
    SearchResult result = search.search(request, options);
    switch (format) {
      case "json" -> writeJson(ctx, ApiJson.of(request.query(), result));
      case "report", "report-csv" -> report(ctx, request, result, format, bom);
      default -> export(ctx, format, items(ctx, result.hits()), "search", request.query(), bom);
    }
  }

  /**
   * The body as JSON, as {@code ctx.json} writes it (same mapper settings, same content type), but
   * serialised straight to UTF-8 bytes rather than to a String that is then encoded again.
   */
  private void writeJson(Context ctx, Object body) {
    try {
      ctx.contentType(io.javalin.http.ContentType.APPLICATION_JSON)
          .result(json.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a search response could not be written as JSON", e);
    }
  }

  /** Formats that export a whole search (up to {@link #EXPORT_LIMIT} records), not a page. */
  static final Set<String> EXPORTS = Set.of("ris", "bibtex", "csv", "report", "report-csv");

  /** What a response depends on: the public address it is built for and the request. */
  private String requestKey(Context ctx) {
    return origin.base(ctx) + ctx.path() + "?" + ctx.queryString();
  }

  private void export(Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!name.equals("ids") && !name.equals("format") && !name.equals("bom")) {
        throw new ApiException(
            ErrorCode.UNKNOWN_PARAMETER,
            "unknown parameter '" + SearchParams.clip(name) + "'; known: bom, format, ids");
      }
    }
    List<String> ids = ctx.queryParams("ids");
    if (ids.isEmpty() || ids.size() > SearchRequest.MAX_SIZE) {
      throw new ApiException(
          ErrorCode.INVALID_FILTER, "give 1 to " + SearchRequest.MAX_SIZE + " ids");
    }
    String format = ctx.queryParam("format") == null ? "ris" : ctx.queryParam("format");
    if (!Set.of("ris", "bibtex", "csv", "atom").contains(format)) {
      throw new ApiException(
          ErrorCode.INVALID_FORMAT, "format must be one of ris, bibtex, csv, atom");
    }
    boolean bom = SearchParams.bom(ctx.queryParamMap());
    if (notModified(ctx, requestKey(ctx))) {
      return;
    }
    List<SearchResult.Hit> hits = search.hitsById(ids);
    if (hits.size() < ids.size()) {
      List<String> found = hits.stream().map(h -> h.record().id()).toList();
      String missing = ids.stream().filter(id -> !found.contains(id)).findFirst().orElse("");
      throw new org.maptoolkit.search.search.DocumentNotFoundException(missing);
    }
    export(ctx, format, items(ctx, hits), "selection", "selected records", bom);
  }

  private void export(
      Context ctx,
      String format,
      List<Exports.Item> items,
      String name,
      String title,
      boolean bom) {
    switch (format) {
      case "atom" -> {
        String self = origin.base(ctx) + ctx.path() + "?" + ctx.queryString();
        String alternate =
            self.replaceFirst("/api/search\\?", "/?").replaceAll("&?format=atom", "");
        ctx.contentType("application/atom+xml; charset=utf-8")
            .result(
                Exports.atom(
                    "MAP Search: " + (title.isBlank() ? "everything" : title),
                    self,
                    alternate,
                    items,
                    Exports.newest(items).orElse(search.indexedAt())));
      }
      case "ris" ->
          download(
              ctx,
              "application/x-research-info-systems; charset=utf-8",
              name + ".ris",
              Exports.ris(items));
      case "bibtex" ->
          download(
              ctx, "application/x-bibtex; charset=utf-8", name + ".bib", Exports.bibtex(items));
      case "csv" ->
          download(
              ctx, "text/csv; charset=utf-8", name + ".csv", (bom ? BOM : "") + Exports.csv(items));
      default -> throw new IllegalStateException("format " + format);
    }
  }

  /**
   * The byte-order mark that tells Excel a CSV file is UTF-8 (without it, accents turn to
   * mojibake); {@code bom=false} leaves it out for tools that read UTF-8 anyway.
   */
  private static final String BOM = "\uFEFF";

  private void report(
      Context ctx, SearchRequest request, SearchResult result, String format, boolean bom) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("query", request.query());
    facts.put("filters", request.filters());
    facts.put("from", request.published() == null ? null : request.published().from());
    facts.put("to", request.published() == null ? null : request.published().to());
    facts.put("updated_from", request.updated() == null ? null : request.updated().from());
    facts.put("updated_to", request.updated() == null ? null : request.updated().to());
    facts.put("sort", request.sort().name().toLowerCase(java.util.Locale.ROOT));
    facts.put("limit", request.size());
    facts.put("run_at", Exports.now().toString());
    facts.put("index_version", search.indexVersion());
    facts.put("total", result.total());
    facts.put("url", origin.base(ctx) + ctx.path() + "?" + ctx.queryString());
    if (format.equals("report-csv")) {
      download(
          ctx,
          "text/csv; charset=utf-8",
          "search-report.csv",
          (bom ? BOM : "") + Exports.reportCsv(facts, items(ctx, result.hits())));
      return;
    }
    List<Map<String, Object>> ranked = new ArrayList<>();
    int rank = 1;
    for (SearchResult.Hit h : result.hits()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("rank", rank++);
      r.put("id", h.record().id());
      r.put("title", h.record().title());
      ranked.add(r);
    }
    facts.put("results", ranked);
    ctx.json(facts);
  }

  private static void download(Context ctx, String type, String filename, String body) {
    ctx.contentType(type);
    ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    ctx.result(body);
  }

  private List<Exports.Item> items(Context ctx, List<SearchResult.Hit> hits) {
    String base = origin.base(ctx);
    List<Exports.Item> items = new ArrayList<>();
    for (SearchResult.Hit h : hits) {
      var d = h.record();
      String url = d.url() != null ? Links.encode(d.url()) : base + ApiJson.viewUrl(d.id());
      String main = ApiJson.mainDocumentUrl(d);
      if (main != null && main.startsWith("/")) {
        main = base + main;
      }
      items.add(new Exports.Item(d, h.snippet() == null ? null : h.snippet().text(), url, main));
    }
    return items;
  }

  private static String format(Map<String, List<String>> params) {
    List<String> values = params.getOrDefault("format", List.of());
    if (values.isEmpty() || values.getFirst().isBlank()) {
      return "json";
    }
    String f = values.getFirst().strip();
    if (values.size() > 1 || !FORMATS.contains(f)) {
      throw new ApiException(
          ErrorCode.INVALID_FORMAT,
          "format must be one of atom, bibtex, csv, json, report, report-csv, ris; got '"
              + SearchParams.clip(f)
              + "'");
    }
    return f;
  }

  /** The JSON body of a POST search as the same name-to-values map a query string gives. */
  private Map<String, List<String>> body(Context ctx) {
    JsonNode node;
    try {
      node = json.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
    } catch (Exception e) {
      throw new ApiException(ErrorCode.INVALID_BODY, "the body is not valid JSON");
    }
    if (!node.isObject()) {
      throw new ApiException(ErrorCode.INVALID_BODY, "the body must be a JSON object");
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (var field : node.properties()) {
      List<String> values = new ArrayList<>();
      JsonNode v = field.getValue();
      if (v.isArray()) {
        for (JsonNode item : v) {
          if (!item.isValueNode()) {
            throw new ApiException(
                ErrorCode.INVALID_BODY, field.getKey() + " must hold plain values");
          }
          values.add(item.asText());
        }
      } else if (v.isValueNode() && !v.isNull()) {
        values.add(v.asText());
      } else if (!v.isNull()) {
        throw new ApiException(
            ErrorCode.INVALID_BODY, field.getKey() + " must be a value or a list of values");
      }
      params.put(field.getKey(), values);
    }
    return params;
  }

  private boolean notModified(Context ctx, String key) {
    return Caching.notModified(ctx, search.indexVersion(), key);
  }

  /** The OpenSearch description, so browsers can add MAP Search as a search engine. */
  private void openSearch(Context ctx) {
    QueryParams.only(ctx, Set.of());
    String base = origin.base(ctx);
    ctx.contentType("application/opensearchdescription+xml; charset=utf-8")
        .result(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
                + "  <ShortName>MAP Search</ShortName>\n"
                + "  <Description>Search the MAP Toolkit: NHS policy drivers and MAP Stories for library and knowledge staff</Description>\n"
                + "  <InputEncoding>UTF-8</InputEncoding>\n"
                + "  <Url type=\"text/html\" method=\"get\" template=\""
                + base
                + "/?q={searchTerms}\"/>\n"
                + "  <Url type=\"application/atom+xml\" template=\""
                + base
                + "/api/search?q={searchTerms}&amp;format=atom\"/>\n"
                + "  <Url type=\"application/x-suggestions+json\" template=\""
                + base
                + "/api/suggest?q={searchTerms}&amp;format=opensearch\"/>\n"
                + "</OpenSearchDescription>\n");
  }
}
