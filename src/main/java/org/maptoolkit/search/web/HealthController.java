package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.util.Map;
import org.maptoolkit.search.index.IndexStore;

/** {@code GET /health} (liveness) and {@code GET /ready} (index open, document count). */
public final class HealthController implements Controller {
  private final IndexStore store;

  public HealthController(IndexStore store) {
    this.store = store;
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
    routes.get("/ready", this::ready);
  }

  private void ready(Context ctx) {
    IndexStore.Stats stats = store.stats();
    ctx.json(
        Map.of("status", "ready", "documents", stats.documents(), "indexVersion", stats.version()));
  }
}
