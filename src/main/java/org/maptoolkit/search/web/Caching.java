package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.Set;
import org.maptoolkit.search.document.ContentHash;

/**
 * HTTP caching (RFC 9110): validators for responses that change only when the index does, a 304 for
 * a client whose copy is current, {@code Vary} where the body varies, and no caching at all of
 * errors.
 */
final class Caching {
  private Caching() {}

  /**
   * Sets the validators and freshness of a response that changes only with the index; true when a
   * 304 was sent and the handler should stop. The tag is weak: the same content may be sent
   * compressed or not, which a strong tag would have to tell apart.
   */
  static boolean notModified(Context ctx, long indexVersion, String requestKey) {
    String etag = "W/\"" + ContentHash.of(indexVersion + "|" + requestKey) + "\"";
    return validators(ctx, etag, "public, max-age=60");
  }

  /** Sets {@code etag} and {@code cacheControl}; true when a 304 was sent. */
  static boolean validators(Context ctx, String etag, String cacheControl) {
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", cacheControl);
    vary(ctx, "Accept-Encoding");
    if (matches(ctx.header("If-None-Match"), etag)) {
      notModified(ctx);
      return true;
    }
    return false;
  }

  /**
   * Whether an {@code If-None-Match} list names {@code etag}: weak comparison, as a 304 on GET asks
   * (RFC 9110 13.1.2), so {@code W/"x"} and {@code "x"} match.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String opaque = opaque(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.equals("*") || opaque(c).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A 304: no body, so no Content-Type either (a cache that refreshes its stored headers from a 304
   * would otherwise take the framework's default text/plain for its stored JSON).
   */
  static void notModified(Context ctx) {
    ctx.status(304);
    ctx.res().setContentType(null);
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  /** Adds {@code header} to the response's {@code Vary}, keeping what is there. */
  static void vary(Context ctx, String header) {
    Set<String> names = new LinkedHashSet<>();
    String existing = ctx.res().getHeader("Vary");
    if (existing != null) {
      for (String n : existing.split(",")) {
        if (!n.isBlank()) {
          names.add(n.strip());
        }
      }
    }
    names.add(header);
    ctx.header("Vary", String.join(", ", names));
  }

  /** An error: never stored, and no validator that a later request could match. */
  static void uncacheable(Context ctx) {
    ctx.removeHeader("ETag");
    ctx.removeHeader("Last-Modified");
    ctx.header("Cache-Control", "no-store");
  }
}
