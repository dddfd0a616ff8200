package org.maptoolkit.search.ingest;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a live site is read: politely (a few requests at a time, a bounded rate, a User-Agent that
 * says who asks) and patiently (failures that may pass are retried a bounded number of times).
 *
 * @param cacheDir where responses that carry an ETag or Last-Modified are kept, to ask for them
 *     again conditionally
 * @param maxConcurrent requests in flight at once
 * @param minInterval the least time between the starts of two requests (bounds the rate)
 * @param attempts tries of one request, the first included
 * @param backoff the wait before the first retry; each further retry waits twice as long
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a site asking for more fails the
 *     run at once rather than holding it
 * @param maxBytes a larger response is refused
 */
public record SiteSettings(
    Path cacheDir,
    String userAgent,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxConcurrent,
    Duration minInterval,
    int attempts,
    Duration backoff,
    Duration maxRetryAfter,
    long maxBytes) {

  public SiteSettings {
    if (cacheDir == null) {
      throw new IllegalArgumentException("cacheDir is required");
    }
    if (maxConcurrent < 1 || attempts < 1 || maxBytes < 1024) {
      throw new IllegalArgumentException(
          "maxConcurrent and attempts must be at least 1, maxBytes at least 1 KiB");
    }
    for (Duration d : new Duration[] {connectTimeout, requestTimeout}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
    if (minInterval.isNegative() || backoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("intervals must not be negative");
    }
  }

  /**
   * Two requests at a time, at most ten a second, four tries with waits of 0.5, 1 and 2 s, and a
   * site's {@code Retry-After} honoured up to a minute.
   */
  public static SiteSettings defaults(Path cacheDir) {
    return new SiteSettings(
        cacheDir,
        UserAgent.VALUE,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        2,
        Duration.ofMillis(100),
        4,
        Duration.ofMillis(500),
        Duration.ofSeconds(60),
        64L * 1024 * 1024);
  }
}
