package org.maptoolkit.search.web;

/** A group of routes; each controller registers its own and does HTTP only. */
public interface Controller {
  void routes(Routes routes);
}
