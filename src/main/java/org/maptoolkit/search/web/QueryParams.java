package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters a route takes: any other is refused with {@code unknown_parameter}, never
 * ignored, so a misspelt parameter is not silently without effect (and what a route takes is what
 * /openapi.json says it takes).
 */
final class QueryParams {
  private QueryParams() {}

  /** Refuses a query parameter not in {@code known}. */
  static void only(Context ctx, Set<String> known) {
    only(
        ctx,
        known,
        known.isEmpty()
            ? "this route takes no query parameters"
            : "known: " + String.join(", ", new TreeSet<>(known)));
  }

  /** Refuses a query parameter not in {@code known}, saying {@code hint} about what is known. */
  static void only(Context ctx, Set<String> known, String hint) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!known.contains(name)) {
        throw new ApiException(
            ErrorCode.UNKNOWN_PARAMETER,
            "unknown parameter '" + SearchParams.clip(name) + "'; " + hint);
      }
    }
  }
}
