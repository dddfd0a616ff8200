package org.maptoolkit.search.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;

/** {@code GET /api/search}. */
public final class SearchController implements Controller {
  private final SearchService search;

  public SearchController(SearchService search) {
    this.search = search;
  }

  @Override
  public void routes(RoutesConfig routes) {
    routes.get("/api/search", this::search);
  }

  private void search(Context ctx) {
    SearchRequest request = SearchParams.parse(ctx.queryParamMap());
    SearchResult result = search.search(request, SearchParams.options(ctx.queryParamMap()));
    ctx.json(ApiJson.of(request.query(), result));
  }
}
