package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;

/**
 * The search page at {@code /} and the document view, rendered on the server so that they work
 * without JavaScript: a plain GET form, results, facet links and paging.
 */
public final class PageController implements Controller {
  /** Facet values shown before "All N": enough for the common choices, short enough to scan. */
  static final int VISIBLE_VALUES = 6;

  private final SearchService search;

  public PageController(SearchService search) {
    this.search = search;
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/", this::searchPage);
    routes.get("/documents/{id}", this::documentPage);
    routes.get("/embed", ctx -> ctx.redirect("/embed.html"));
  }

  private void searchPage(Context ctx) {
    Map<String, List<String>> params = ctx.queryParamMap();
    SearchRequest request;
    String error = null;
    try {
      request = SearchParams.parse(params);
    } catch (ApiException e) {
      request = SearchRequest.of("");
      error = e.getMessage();
    }
    SearchResult result = search.search(request);
    StringBuilder body = new StringBuilder();
    body.append("<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">")
        .append("<label for=\"q\">Search the MAP Toolkit</label>")
        .append("<div class=\"row\"><input id=\"q\" name=\"q\" type=\"search\" value=\"")
        .append(Html.text(request.query()))
        .append("\" autocomplete=\"off\"><button type=\"submit\">Search</button></div>");
    // Date range and sort: plain inputs, so they work without JavaScript.
    String from = ctx.queryParam("from") == null ? "" : ctx.queryParam("from");
    String to = ctx.queryParam("to") == null ? "" : ctx.queryParam("to");
    body.append("<div class=\"options\"><label for=\"from\">Published from</label>")
        .append(
            "<input id=\"from\" name=\"from\" placeholder=\"YYYY or YYYY-MM\" size=\"10\" value=\"")
        .append(Html.text(from))
        .append("\"><label for=\"to\">to</label>")
        .append("<input id=\"to\" name=\"to\" placeholder=\"YYYY or YYYY-MM\" size=\"10\" value=\"")
        .append(Html.text(to))
        .append("\"><label for=\"sort\">Sort by</label><select id=\"sort\" name=\"sort\">");
    for (String sort : List.of("relevance", "newest", "oldest", "review", "title")) {
      boolean on = request.sort().name().equalsIgnoreCase(sort);
      body.append("<option value=\"")
          .append(sort)
          .append("\"")
          .append(on ? " selected" : "")
          .append(">")
          .append(sort.equals("review") ? "review due" : sort)
          .append("</option>");
    }
    body.append("</select></div>");
    for (var filter : request.filters().entrySet()) {
      for (String v : filter.getValue()) {
        body.append("<input type=\"hidden\" name=\"")
            .append(Html.text(filter.getKey()))
            .append("\" value=\"")
            .append(Html.text(v))
            .append("\">");
      }
    }
    body.append("</form>");
    if (error != null) {
      body.append("<p class=\"error\" role=\"alert\">").append(Html.text(error)).append("</p>");
    }
    // The facet panel is a form of checkboxes: it works without JavaScript (Apply), and the
    // script submits it as soon as a box changes.
    body.append("<div class=\"layout\"><aside class=\"facets\" aria-label=\"Filters\">")
        .append("<form class=\"facet-form\" action=\"/\" method=\"get\">");
    for (String keep : List.of("q", "from", "to", "updated_from", "updated_to", "sort", "size")) {
      String v = ctx.queryParam(keep);
      if (v != null && !v.isBlank()) {
        body.append("<input type=\"hidden\" name=\"")
            .append(keep)
            .append("\" value=\"")
            .append(Html.text(v))
            .append("\">");
      }
    }
    for (var facet : result.facets().entrySet()) {
      facetBlock(body, request, facet.getKey(), facet.getValue());
    }
    body.append("<button type=\"submit\" class=\"apply\">Apply filters</button></form>")
        .append("</aside><section class=\"results\" aria-label=\"Results\">");
    body.append("<p class=\"count\" aria-live=\"polite\">")
        .append(result.total())
        .append(result.total() == 1 ? " result" : " results")
        .append(
            request.query().isEmpty()
                ? ""
                : " for <strong>" + Html.text(request.query()) + "</strong>")
        .append("</p>");
    String query =
        ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)format=[^&]*", "");
    String api = "/api/search?" + (query.isEmpty() ? "" : query + "&");
    List<String> links = new java.util.ArrayList<>();
    for (String[] format :
        new String[][] {
          {"atom", "Atom feed"},
          {"ris", "RIS"},
          {"bibtex", "BibTeX"},
          {"csv", "CSV"},
          {"report", "search report"}
        }) {
      links.add("<a href=\"" + Html.text(api) + "format=" + format[0] + "\">" + format[1] + "</a>");
    }
    body.append("<p class=\"exports\">Keep or share this search: ")
        .append(String.join(" · ", links))
        .append("</p>")
        .append("<ol class=\"hits\" start=\"")
        .append((request.page() - 1) * request.size() + 1)
        .append("\">");
    for (SearchResult.Hit hit : result.hits()) {
      MapDocument h = hit.record();
      String url = h.url() != null ? h.url() : "/documents/" + h.id();
      body.append("<li class=\"hit\"><h2><a href=\"")
          .append(Html.text(url))
          .append("\">")
          .append(Html.text(h.title()))
          .append("</a></h2><p class=\"meta\">")
          .append("<span class=\"type\">")
          .append(Html.text(h.type().value()))
          .append("</span>");
      if (h.source() != null) {
        body.append(" · ").append(Html.text(h.source()));
      }
      if (h.published() != null) {
        body.append(" · published <time>").append(Html.text(h.published().iso())).append("</time>");
      }
      if (h.updated() != null) {
        body.append(" · updated <time>").append(Html.text(h.updated().iso())).append("</time>");
      }
      if (!h.audiences().isEmpty()) {
        body.append(" · for ").append(Html.text(String.join(", ", h.audiences())));
      }
      if (h.reviewDue() != null) {
        body.append(" · <span class=\"review\">review due ")
            .append(Html.text(h.reviewDue().iso()))
            .append("</span>");
      }
      body.append("</p>");
      String snippet = hit.snippet() == null ? "" : SnippetHtml.render(hit.snippet());
      if (!snippet.isBlank()) {
        body.append("<p class=\"snippet\">").append(snippet);
        Integer page = hit.snippet().page();
        if (page != null && h.mainDocument() != null && h.mainDocument().isLocal()) {
          body.append(" <a href=\"/api/documents/")
              .append(Html.text(h.id()))
              .append("/file#page=")
              .append(page)
              .append("\">(PDF page ")
              .append(page)
              .append(")</a>");
        }
        body.append("</p>");
      }
      body.append("</li>");
    }
    body.append("</ol>");
    pager(body, ctx, request, result);
    body.append("</section></div>");
    ctx.contentType("text/html; charset=utf-8").result(page("MAP Search", body.toString()));
  }

  private static void facetBlock(
      StringBuilder body,
      SearchRequest request,
      String facet,
      List<SearchResult.FacetValue> values) {
    if (values.isEmpty()) {
      return;
    }
    List<String> selected = request.filters().getOrDefault(facet, List.of());
    body.append("<fieldset><legend>").append(Html.text(facet)).append("</legend><ul>");
    // The most frequent values first; the rest behind a native disclosure (no script needed),
    // opened when one of them is selected so that a selection is never hidden.
    boolean hiddenSelected =
        values.stream().skip(VISIBLE_VALUES).anyMatch(v -> selected.contains(v.value()));
    int i = 0;
    for (SearchResult.FacetValue v : values) {
      if (i == VISIBLE_VALUES) {
        body.append("</ul><details")
            .append(hiddenSelected ? " open" : "")
            .append("><summary>All ")
            .append(values.size())
            .append("</summary><ul>");
      }
      boolean on = selected.contains(v.value());
      String id = "f-" + facet + "-" + i++;
      body.append("<li><input type=\"checkbox\" id=\"")
          .append(id)
          .append("\" name=\"")
          .append(Html.text(facet))
          .append("\" value=\"")
          .append(Html.text(v.value()))
          .append("\"")
          .append(on ? " checked" : "")
          .append("><label for=\"")
          .append(id)
          .append("\">")
          .append(Html.text(v.value()))
          .append(" <span>(")
          .append(v.count())
          .append(")</span></label></li>");
    }
    body.append(values.size() > VISIBLE_VALUES ? "</ul></details>" : "</ul>").append("</fieldset>");
  }

  private static void pager(
      StringBuilder body, Context ctx, SearchRequest request, SearchResult result) {
    long pages = (result.total() + request.size() - 1) / request.size();
    if (pages <= 1) {
      return;
    }
    body.append("<nav class=\"pager\" aria-label=\"Pages\">");
    if (request.page() > 1) {
      body.append("<a rel=\"prev\" href=\"")
          .append(Html.text(pageLink(ctx, request.page() - 1)))
          .append("\">Previous</a> ");
    }
    body.append("<span>Page ")
        .append(request.page())
        .append(" of ")
        .append(pages)
        .append("</span>");
    if (request.page() < pages) {
      body.append(" <a rel=\"next\" href=\"")
          .append(Html.text(pageLink(ctx, request.page() + 1)))
          .append("\">Next</a>");
    }
    body.append("</nav>");
  }

  private static String pageLink(Context ctx, int page) {
    StringBuilder q = new StringBuilder("/?");
    ctx.queryParamMap()
        .forEach(
            (k, vs) -> {
              if (!k.equals("page")) {
                vs.forEach(v -> q.append(Html.url(k)).append('=').append(Html.url(v)).append('&'));
              }
            });
    return q.append("page=").append(page).toString();
  }

  private void documentPage(Context ctx) {
    MapDocument d = search.require(ctx.pathParam("id"));
    StringBuilder body =
        new StringBuilder("<p><a href=\"/\">← Search</a></p><article class=\"doc\"><h2>")
            .append(Html.text(d.title()))
            .append("</h2><dl>");
    field(body, "Type", d.type().value());
    field(body, "Source", d.sourceText() != null ? d.sourceText() : d.source());
    field(body, "Audience", d.audienceText());
    field(body, "Published", d.published() == null ? null : d.published().text());
    field(body, "Last updated", d.updated() == null ? null : d.updated().text());
    field(body, "Due for review", d.reviewDue() == null ? null : d.reviewDue().text());
    field(body, "Format", d.format());
    if (d.mainDocument() != null) {
      String href =
          d.mainDocument().isLocal()
              ? "/api/documents/" + d.id() + "/file"
              : d.mainDocument().href();
      String status =
          d.mainDocument().extraction() == null
              ? "not read"
              : d.mainDocument().extraction().status().value();
      body.append("<dt>Main document</dt><dd><a href=\"")
          .append(Html.text(href))
          .append("\">")
          .append(Html.text(d.mainDocument().label() == null ? href : d.mainDocument().label()))
          .append("</a> <span class=\"status\">(text: ")
          .append(Html.text(status))
          .append(")</span></dd>");
    }
    body.append("</dl>");
    if (d.summary() != null) {
      body.append("<h3>Summary</h3><p>").append(Html.text(d.summary())).append("</p>");
    }
    list(body, "Key features", d.keyFeatures());
    list(body, "Impact on library policy and practice", d.impact());
    if (!d.related().isEmpty()) {
      body.append("<h3>Related</h3><ul>");
      for (String r : d.related()) {
        body.append("<li><a href=\"/documents/")
            .append(Html.text(r))
            .append("\">")
            .append(Html.text(r))
            .append("</a></li>");
      }
      body.append("</ul>");
    }
    body.append("</article>");
    ctx.contentType("text/html; charset=utf-8")
        .result(page(d.title() + " – MAP Search", body.toString()));
  }

  private static void field(StringBuilder body, String name, String value) {
    if (value != null && !value.isBlank()) {
      body.append("<dt>").append(name).append("</dt><dd>").append(Html.text(value)).append("</dd>");
    }
  }

  private static void list(StringBuilder body, String heading, List<String> items) {
    if (!items.isEmpty()) {
      body.append("<h3>").append(Html.text(heading)).append("</h3><ul>");
      items.forEach(i -> body.append("<li>").append(Html.text(i)).append("</li>"));
      body.append("</ul>");
    }
  }

  private static String page(String title, String main) {
    return "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<link rel=\"search\" type=\"application/opensearchdescription+xml\" title=\"MAP Search\" href=\"/opensearch.xml\">"
        + "<title>"
        + Html.text(title)
        + "</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>"
        + "<a class=\"skip\" href=\"#main\">Skip to results</a>"
        + "<header class=\"top\"><a href=\"/\" class=\"brand\">MAP Search</a>"
        + "<span>NHS library and knowledge services</span></header>"
        + "<main id=\"main\">"
        + main
        + "</main><script src=\"/search.js\" defer></script></body></html>";
  }
}
