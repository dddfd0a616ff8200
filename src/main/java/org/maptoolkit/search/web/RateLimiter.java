package org.maptoolkit.search.web;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code perMinute} requests a minute on average, with bursts up to
 * {@code burst}. Buckets idle for a while are forgotten, so memory stays bounded by active clients.
 */
public final class RateLimiter {
  private static final int MAX_CLIENTS = 100_000;

  private final double perMilli;
  private final double burst;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Tokens left and when they were last topped up. */
  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  /** The decision for one request: allowed, or refused with seconds until a token is back. */
  public record Decision(boolean allowed, long retryAfterSeconds) {}

  public RateLimiter(int perMinute, int burst, Clock clock) {
    if (perMinute < 1 || burst < 1) {
      throw new IllegalArgumentException("rate limit and burst must be at least 1");
    }
    this.perMilli = perMinute / 60_000.0;
    this.burst = burst;
    this.clock = clock;
  }

  public Decision acquire(String client) {
    long now = clock.millis();
    if (buckets.size() > MAX_CLIENTS) {
      // Forget idle clients (a full bucket holds no state worth keeping).
      buckets.entrySet().removeIf(e -> now - e.getValue().updated > burst / perMilli);
    }
    Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perMilli);
      bucket.updated = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return new Decision(true, 0);
      }
      long wait = (long) Math.ceil((1 - bucket.tokens) / perMilli / 1000.0);
      return new Decision(false, Math.max(1, wait));
    }
  }
}
