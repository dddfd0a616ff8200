package org.maptoolkit.search.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How linked documents are fetched over HTTP(S).
 *
 * @param cacheDir on-disk cache of fetched bodies, keyed by URL, revalidated with ETag and
 *     Last-Modified
 * @param maxBytes a larger body is refused (and not cached)
 * @param allowedHosts host names fetched even though they resolve to loopback, link-local or
 *     private addresses (an intranet document server, a test server); none by default
 */
public record FetchConfig(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRedirects,
    long maxBytes,
    Path cacheDir,
    String userAgent,
    Set<String> allowedHosts) {

  /** Public addresses only. */
  public FetchConfig(
      Duration connectTimeout,
      Duration requestTimeout,
      int maxRedirects,
      long maxBytes,
      Path cacheDir,
      String userAgent) {
    this(connectTimeout, requestTimeout, maxRedirects, maxBytes, cacheDir, userAgent, Set.of());
  }

  public FetchConfig {
    // HttpClient rejects a zero or negative timeout only when a request is built: say so at start.
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    if (cacheDir == null) {
      throw new IllegalArgumentException("cacheDir is required");
    }
    if (maxRedirects < 0 || maxRedirects > 20) {
      throw new IllegalArgumentException("maxRedirects must be between 0 and 20");
    }
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("maxBytes must be at least 1 KiB");
    }
    allowedHosts =
        allowedHosts == null
            ? Set.of()
            : allowedHosts.stream()
                .map(h -> h.strip().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  public static FetchConfig defaults(Path cacheDir) {
    return defaults(cacheDir, Set.of());
  }

  /** The defaults, fetching also from {@code allowedHosts} on private networks. */
  public static FetchConfig defaults(Path cacheDir, Set<String> allowedHosts) {
    return new FetchConfig(
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        5,
        50L * 1024 * 1024,
        cacheDir,
        UserAgent.VALUE,
        allowedHosts);
  }
}
