package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.store.AlreadyClosedException;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.index.IndexUnavailableException;
import org.maptoolkit.search.semantic.SemanticModel;

/**
 * {@code GET /health} (liveness) and {@code GET /ready} (index open, document count; a 503 {@code
 * index_unavailable} when the index cannot be read, so a load balancer stops sending searches).
 */
public final class HealthController implements Controller {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(HealthController.class);

  private final IndexStore store;

  public HealthController(IndexStore store) {
    this(store, () -> SemanticModel.off().status());
  }

  /** With where the embedding model stands, reported beside the index. */
  public HealthController(IndexStore store, Supplier<SemanticModel.Status> semantic) {
    this.store = store;
    this.semantic = semantic;
  }

  private final Supplier<SemanticModel.Status> semantic;

  @Override
  public void routes(Routes routes) {
    routes.get(
        "/health",
        ctx -> {
          QueryParams.only(ctx, Set.of());
          ctx.json(Map.of("status", "ok"));
        });
    routes.get("/ready", this::ready);
  }

  private void ready(Context ctx) {
    QueryParams.only(ctx, Set.of());
    IndexStore.Stats stats;
    try {
      stats = store.stats();
    } catch (AlreadyClosedException | UncheckedIOException | IndexUnavailableException e) {
      LOG.warn("not ready: the index cannot be read", e);
      throw new ApiException(
          ErrorCode.INDEX_UNAVAILABLE, "not ready: the index cannot be read (closed or damaged)");
    }
    // Ready whatever the model does: without it, searches are by keyword (and this says why).
    SemanticModel.Status model = semantic.get();
    ctx.json(
        Map.of(
            "status",
            "ready",
            "documents",
            stats.documents(),
            "indexVersion",
            stats.version(),
            "semantic",
            Map.of("state", model.state(), "reason", model.reason())));
  }
}
