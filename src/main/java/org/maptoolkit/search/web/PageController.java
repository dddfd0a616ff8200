package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.search.DiscoveryService;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.search.SemanticUnavailableException;
import org.maptoolkit.search.web.view.EmbedPage;

/**
 * The search page at {@code /}, a record's page and the builder of the embeddable box, rendered on
 * the server from templates so that they work without JavaScript; the script only fetches the same
 * pages.
 */
public final class PageController implements Controller {
  private final SearchService search;
  private final DiscoveryService discovery;
  private final Pages pages;
  private final RequestOrigin origin;

  public PageController(
      SearchService search, DiscoveryService discovery, Pages pages, RequestOrigin origin) {
    this.search = search;
    this.discovery = discovery;
    this.pages = pages;
    this.origin = origin;
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/", this::searchPage);
    routes.get("/documents/{id}", this::documentPage);
    routes.get("/embed", this::embedPage);
    routes.get(
        "/embed.html", ctx -> ctx.redirect("/embed", io.javalin.http.HttpStatus.MOVED_PERMANENTLY));
    routes.get(
        "/favicon.ico",
        ctx -> ctx.redirect("/favicon.svg", io.javalin.http.HttpStatus.MOVED_PERMANENTLY));
  }

  private void searchPage(Context ctx) {
    PageParams params = PageParams.read(ctx.queryParamMap());
    SearchRequest request = params.request();
    SearchResult result;
    String modeNotice = null;
    try {
      result = search.search(request);
    } catch (SemanticUnavailableException e) {
      // The page answers all the same: by the words, saying why.
      modeNotice = e.getMessage() + ". These results match your words.";
      request = request.inMode(SearchRequest.Mode.KEYWORD);
      result = search.search(request);
    }
    Long everything = null;
    boolean narrowed =
        !request.filters().isEmpty() || request.published() != null || request.updated() != null;
    if (result.total() == 0 && narrowed) {
      // The way out of an empty page: how many the words alone would find.
      everything =
          search
              .search(SearchRequest.of(request.query()), new SearchService.Options(false, false))
              .total();
    }
    html(
        ctx,
        pages.search(
            SearchPageView.of(
                params, result, everything, search.semanticOffered(), capitalise(modeNotice))));
  }

  private static String capitalise(String s) {
    return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private void documentPage(Context ctx) {
    MapDocument d = search.require(ctx.pathParam("id"));
    html(ctx, pages.document(DocumentPageView.of(d, discovery.related(d), ctx.queryParam("back"))));
  }

  private void embedPage(Context ctx) {
    SearchResult all = search.search(SearchRequest.of(""));
    List<EmbedPage.Preset> presets = new ArrayList<>();
    // Every facet of the registry can preset a box.
    for (Facet facet : Facet.ALL) {
      List<String> values =
          all.facets().getOrDefault(facet.name(), List.of()).stream()
              .map(SearchResult.FacetValue::value)
              .sorted(String.CASE_INSENSITIVE_ORDER)
              .toList();
      presets.add(new EmbedPage.Preset(facet.name(), facet.label(), values));
    }
    html(ctx, pages.embed(new EmbedPage(origin.base(ctx), presets)));
  }

  private static void html(Context ctx, String page) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }
}
