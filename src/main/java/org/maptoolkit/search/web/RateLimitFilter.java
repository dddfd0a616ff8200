package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.util.List;

/**
 * Applies a {@link RateLimiter} per client address to the public search routes (429 + Retry-After).
 */
public final class RateLimitFilter implements Controller {
  /** The routes searched by the public; documents and health checks are not limited. */
  static final List<String> LIMITED = List.of("/api/search", "/api/suggest", "/api/export");

  private final RateLimiter limiter;
  private final RequestOrigin origin;

  /** Limits each client as {@code origin} tells clients apart (behind trusted proxies too). */
  public RateLimitFilter(RateLimiter limiter, RequestOrigin origin) {
    this.limiter = limiter;
    this.origin = origin;
  }

  @Override
  public void routes(Routes routes) {
    for (String path : LIMITED) {
      routes.before(path, this::check);
    }
  }

  private void check(Context ctx) {
    RateLimiter.Decision decision = limiter.acquire(origin.client(ctx));
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
