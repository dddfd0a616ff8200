package org.maptoolkit.search.web;

import io.javalin.http.Context;
import org.maptoolkit.search.document.ContentHash;

/**
 * HTTP caching for responses that change only when the index does: an ETag from the index version
 * and the request, {@code Cache-Control}, and 304 for a client whose copy is current.
 */
final class Caching {
  private Caching() {}

  /** Sets the headers; true when a 304 was sent and the handler should stop. */
  static boolean notModified(Context ctx, long indexVersion, String requestKey) {
    String etag = "\"" + ContentHash.of(indexVersion + "|" + requestKey) + "\"";
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", "public, max-age=60");
    String match = ctx.header("If-None-Match");
    if (match != null && (match.equals(etag) || match.equals("*"))) {
      ctx.status(304);
      return true;
    }
    return false;
  }
}
