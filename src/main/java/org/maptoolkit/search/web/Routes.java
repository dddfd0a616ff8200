package org.maptoolkit.search.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/**
 * Where a controller registers its routes. Every GET route also answers HEAD, with the status and
 * headers GET would give and no body (Jetty leaves a HEAD response's body out), so a link checker
 * or a cache asking HEAD learns the truth.
 */
public final class Routes {
  private final RoutesConfig config;

  Routes(RoutesConfig config) {
    this.config = config;
  }

  public Routes get(String path, Handler handler) {
    config.get(path, handler);
    config.head(path, handler);
    return this;
  }

  public Routes post(String path, Handler handler) {
    config.post(path, handler);
    return this;
  }

  public Routes delete(String path, Handler handler) {
    config.delete(path, handler);
    return this;
  }

  public Routes options(String path, Handler handler) {
    config.options(path, handler);
    return this;
  }

  /** A handler run before every matching request. */
  public Routes before(String path, Handler handler) {
    config.before(path, handler);
    return this;
  }

  /** A handler run before every request. */
  public Routes before(Handler handler) {
    config.before(handler);
    return this;
  }

  /** A handler run after every request. */
  public Routes after(Handler handler) {
    config.after(handler);
    return this;
  }
}
