package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * CORS for sites that embed the search box: origins on the allowlist may call the public API from
 * the browser (GET and POST, no credentials); every other origin gets no CORS headers, so browsers
 * refuse. Admin routes never answer cross-origin requests, whatever the allowlist says.
 */
public final class CorsFilter implements Controller {
  private final Set<String> allowed;

  /**
   * @param allowed origins such as {@code https://intranet.example.nhs.uk}; empty allows none
   */
  public CorsFilter(List<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  @Override
  public void routes(Routes routes) {
    routes.before("/api/*", this::headers);
    routes.options("/api/*", this::preflight);
  }

  private boolean allows(Context ctx) {
    String origin = ctx.header("Origin");
    return origin != null && allowed.contains(origin) && !ctx.path().startsWith("/api/admin");
  }

  private void headers(Context ctx) {
    // Whether the answer carries CORS headers depends on Origin, for every origin: caches must
    // keep the answers apart.
    Caching.vary(ctx, "Origin");
    if (allows(ctx)) {
      ctx.header("Access-Control-Allow-Origin", ctx.header("Origin"));
      // No Access-Control-Allow-Credentials: cookies and auth never travel cross-origin.
    }
  }

  private void preflight(Context ctx) {
    if (!allows(ctx)) {
      throw new ApiException(
          ErrorCode.CORS_REFUSED, "cross-origin requests from this origin are not allowed");
    }
    ctx.header("Access-Control-Allow-Methods", "GET, POST");
    ctx.header("Access-Control-Allow-Headers", "Content-Type");
    ctx.header("Access-Control-Max-Age", "600");
    ctx.status(204);
  }
}
