package org.maptoolkit.search.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.maptoolkit.search.document.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: registers the controllers' routes, maps errors to the one error body, and serves
 * the static UI. Holds no state of its own beyond the Javalin instance.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** Set on a request whose error body is already written, so the 404 mapper leaves it alone. */
  private static final String ERROR_WRITTEN = "map-search.error-written";

  private final Javalin app;
  private final Pages pages;

  /** A server whose errors are JSON for every client. */
  public ApiServer(List<Controller> controllers) {
    this(controllers, null);
  }

  /**
   * A server whose errors on the pages are HTML for browsers ({@code pages}), and JSON everywhere
   * else.
   */
  public ApiServer(List<Controller> controllers, Pages pages) {
    this.pages = pages;
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              config.jsonMapper(new JavalinJackson(Json.mapper(), false));
              config.staticFiles.add("/web", Location.CLASSPATH);
              // Before anything reads a parameter: malformed encoding is refused, never guessed.
              config.routes.before(RequestEncoding::check);
              Routes routes = new Routes(config.routes);
              for (Controller c : controllers) {
                c.routes(routes);
              }
              config.routes.exception(ApiException.class, this::apiError);
              config.routes.exception(
                  org.maptoolkit.search.search.InvalidCursorException.class,
                  (e, ctx) ->
                      apiError(new ApiException(ErrorCode.INVALID_CURSOR, e.getMessage()), ctx));
              config.routes.exception(
                  org.maptoolkit.search.search.DocumentNotFoundException.class,
                  (e, ctx) ->
                      apiError(
                          new ApiException(ErrorCode.DOCUMENT_NOT_FOUND, e.getMessage()), ctx));
              config.routes.exception(
                  org.maptoolkit.search.search.QueryTooComplexException.class,
                  (e, ctx) ->
                      apiError(new ApiException(ErrorCode.TOO_MANY_CLAUSES, e.getMessage()), ctx));
              config.routes.exception(
                  org.maptoolkit.search.search.SemanticUnavailableException.class,
                  (e, ctx) ->
                      apiError(
                          new ApiException(ErrorCode.SEMANTIC_UNAVAILABLE, e.getMessage()), ctx));
              config.routes.exception(Exception.class, this::internalError);
              config.routes.error(404, this::notFound);
            });
  }

  /**
   * Every HTTP route registered, as "METHOD /path" (for the test that keeps the OpenAPI true); HEAD
   * routes, which mirror GET ones, are left out.
   */
  public java.util.List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(p -> p.endpoint)
        .filter(e -> e.method.isHttpMethod() && !e.method.equals(io.javalin.http.HandlerType.HEAD))
        .map(e -> e.method.name() + " " + e.path)
        .distinct()
        .sorted()
        .toList();
  }

  /** Starts on {@code host:port} (port 0 picks a free one); returns the port bound. */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  private void apiError(ApiException e, Context ctx) {
    ctx.attribute(ERROR_WRITTEN, true);
    Caching.uncacheable(ctx);
    error(ctx, e.code(), e.getMessage());
  }

  private void internalError(Exception e, Context ctx) {
    // The cause is logged here, never sent: a 500 must not leak internals.
    LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
    Caching.uncacheable(ctx);
    error(ctx, ErrorCode.INTERNAL, "internal error; it has been logged");
  }

  /** The error as JSON, or as a page for a browser asking for one of the pages. */
  private void error(Context ctx, ErrorCode code, String message) {
    ctx.status(code.status());
    if (pages != null && wantsPage(ctx)) {
      ctx.contentType("text/html; charset=utf-8").result(pages.error(ErrorPages.of(code, message)));
    } else {
      ctx.json(ErrorBody.of(code, message));
    }
  }

  /** A browser (it accepts HTML) on a path that is a page, not the API or a machine route. */
  private static boolean wantsPage(Context ctx) {
    String path = ctx.path();
    String accept = ctx.header("Accept");
    return accept != null
        && accept.contains("text/html")
        && !path.startsWith("/api/")
        && !java.util.Set.of("/openapi.json", "/metrics", "/health", "/ready", "/opensearch.xml")
            .contains(path);
  }

  private void notFound(Context ctx) {
    if (Boolean.TRUE.equals(ctx.attribute(ERROR_WRITTEN))) {
      return;
    }
    Caching.uncacheable(ctx);
    java.util.Set<String> allowed = new java.util.TreeSet<>();
    for (var route : app.unsafe.internalRouter.allHttpHandlers()) {
      if (route.endpoint.method.isHttpMethod() && route.matches(ctx.path())) {
        allowed.add(route.endpoint.method.name());
      }
    }
    // OPTIONS /api/* (the CORS preflight) matches any /api path: alone it makes no path a route.
    if (!allowed.isEmpty() && !allowed.equals(java.util.Set.of("OPTIONS"))) {
      // A known route asked with a method it does not take.
      ctx.header("Allow", String.join(", ", allowed));
      error(
          ctx,
          ErrorCode.METHOD_NOT_ALLOWED,
          ctx.method()
              + " is not allowed on "
              + SearchParams.clip(ctx.path())
              + "; allowed: "
              + String.join(", ", allowed));
      return;
    }
    error(
        ctx,
        ErrorCode.ROUTE_NOT_FOUND,
        "no such route: " + ctx.method() + " " + SearchParams.clip(ctx.path()));
  }

  @Override
  public void close() {
    app.stop();
  }
}
