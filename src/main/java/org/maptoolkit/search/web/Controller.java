package org.maptoolkit.search.web;

import io.javalin.config.RoutesConfig;

/** A group of routes; each controller registers its own and does HTTP only. */
public interface Controller {
  void routes(RoutesConfig routes);
}
