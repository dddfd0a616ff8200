package org.maptoolkit.search.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket per client: {@code perMinute} requests a minute on average, with bursts up to
 * {@code burst}. A bucket idle long enough to be full again is forgotten (it holds nothing worth
 * keeping), and at most {@value #MAX_CLIENTS} are kept, so memory stays bounded without scanning.
 */
public final class RateLimiter {
  private static final int MAX_CLIENTS = 100_000;

  private final double perMilli;
  private final double burst;
  private final Clock clock;
  private final Cache<String, Bucket> buckets;

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
    long refill = (long) Math.ceil(burst / perMilli);
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(MAX_CLIENTS)
            .expireAfterAccess(Duration.ofMillis(refill))
            // Expiry follows the limiter's clock, so tests with a fixed clock see no expiry.
            .ticker(
                new Ticker() {
                  @Override
                  public long read() {
                    return clock.millis() * 1_000_000L;
                  }
                })
            .executor(Runnable::run)
            .build();
  }

  public Decision acquire(String client) {
    long now = clock.millis();
    Bucket bucket = buckets.get(client, c -> new Bucket(burst, now));
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
