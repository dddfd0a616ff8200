package org.maptoolkit.search.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * Applies a {@link RateLimiter} per client address to the public search routes (429 + Retry-After).
 */
public final class RateLimitFilter implements Controller {
  /** The routes searched by the public; documents and health checks are not limited. */
  static final List<String> LIMITED = List.of("/api/search", "/api/suggest", "/api/export");

  private final RateLimiter limiter;

  public RateLimitFilter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void routes(RoutesConfig routes) {
    for (String path : LIMITED) {
      routes.before(path, this::check);
    }
  }

  private void check(Context ctx) {
    RateLimiter.Decision decision = limiter.acquire(ctx.ip());
    if (!decision.allowed()) {
      ctx.header("Retry-After", String.valueOf(decision.retryAfterSeconds()));
      throw new ApiException(
          ErrorCode.RATE_LIMITED,
          "too many requests from this client; try again in "
              + decision.retryAfterSeconds()
              + " s");
    }
  }
}
