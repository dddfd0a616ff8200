package org.maptoolkit.search.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.maptoolkit.search.index.IndexStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in Prometheus format (request counts and latency per route, index size and
 * document count) and one structured access log line per request. Routes are logged and measured by
 * their pattern, never with their query string, so no search terms or tokens reach the logs.
 */
public final class ObservabilityController implements Controller {
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final String STARTED = "map-search.started";

  private final PrometheusMeterRegistry registry;

  public ObservabilityController(PrometheusMeterRegistry registry, IndexStore store) {
    this.registry = registry;
    Gauge.builder("map_search_index_documents", store, s -> s.stats().documents())
        .description("documents searchable in the current commit")
        .register(registry);
    Gauge.builder("map_search_index_bytes", store, s -> s.stats().bytes())
        .description("size of the index folder")
        .baseUnit("bytes")
        .register(registry);
  }

  @Override
  public void routes(Routes routes) {
    routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
    routes.after(this::record);
    routes.get(
        "/metrics",
        ctx -> {
          QueryParams.only(ctx, java.util.Set.of());
          ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
        });
  }

  private void record(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    long nanos = System.nanoTime() - started;
    String route = route(ctx);
    String method = ctx.method().name();
    int status = ctx.statusCode();
    timers
        .computeIfAbsent(new TimerKey(method, route, status), this::timer)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (ACCESS.isInfoEnabled()) {
      ACCESS.info(
          "method={} route={} status={} ms={}",
          method,
          route,
          status,
          String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6));
    }
  }

  /** The timer of one route, method and status, registered the first time it is seen. */
  private Timer timer(TimerKey key) {
    return Timer.builder("map_search_http_requests")
        .description("HTTP requests by route pattern, method and status")
        .tag("method", key.method())
        .tag("route", key.route())
        .tag("status", String.valueOf(key.status()))
        .publishPercentileHistogram()
        .register(registry);
  }

  private record TimerKey(String method, String route, int status) {}

  /**
   * The timers already registered, so a request looks its own up in one map rather than building
   * and registering it again (the registry would return the same timer). Bounded like the
   * registry's: route patterns, methods and statuses are finite.
   */
  private final java.util.concurrent.ConcurrentMap<TimerKey, Timer> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The matched route pattern, or a fixed label for unmatched paths (bounded cardinality). */
  private static String route(Context ctx) {
    try {
      var endpoint = ctx.endpoints().matchedHttpEndpoint();
      if (endpoint != null && endpoint.path != null && !endpoint.path.isEmpty()) {
        return endpoint.path;
      }
    } catch (RuntimeException e) {
      // No endpoint matched (a 404 or a static file).
    }
    return ctx.statusCode() == 404 ? "unmatched" : "static";
  }
}
