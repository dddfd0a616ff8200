package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.HealthController;
import org.maptoolkit.search.web.RateLimitFilter;
import org.maptoolkit.search.web.RateLimiter;
import org.maptoolkit.search.web.SearchController;

/** Per-client rate limiting of public searches: 429 with Retry-After and the error body. */
class RateLimitTest {
  @TempDir Path dir;

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    long millis = 1_000_000;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  @Test
  void bucketRefillsAtTheConfiguredRate() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(60, 3, clock);

    List<Boolean> burst = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      burst.add(limiter.acquire("a").allowed());
    }
    RateLimiter.Decision refused = limiter.acquire("a");
    boolean otherClient = limiter.acquire("b").allowed();
    clock.millis += 1000;
    boolean afterOneSecond = limiter.acquire("a").allowed();

    assertThat(burst).containsExactly(true, true, true, false);
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(otherClient).isTrue();
    assertThat(afterOneSecond).isTrue();
  }

  @Test
  void theSixthSearchInABurstOfFiveIsRefusedWithRetryAfter() throws Exception {
    try (IndexStore store = IndexStore.open(dir.resolve("index"));
        ApiServer server =
            new ApiServer(
                List.of(
                    new RateLimitFilter(
                        new RateLimiter(5, 5, Clock.systemUTC()),
                        org.maptoolkit.search.web.RequestOrigin.direct()),
                    new HealthController(store),
                    new SearchController(
                        new SearchService(store, Analysis.queryAnalyzer(List.of())),
                        org.maptoolkit.search.web.RequestOrigin.direct())))) {
      int port = server.start("127.0.0.1", 0);
      HttpClient http = HttpClient.newHttpClient();
      List<Integer> statuses = new ArrayList<>();
      HttpResponse<String> last = null;
      for (int i = 0; i < 6; i++) {
        last =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search?q=x"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        statuses.add(last.statusCode());
      }
      int health =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();

      assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
      assertThat(last.headers().firstValue("Retry-After"))
          .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
      assertThat(last.body())
          .startsWith("{\"message\":\"too many requests from this client; try again in ")
          .endsWith("\"code\":\"rate_limited\",\"type\":\"invalid_request\"}");
      assertThat(health).isEqualTo(200);
    }
  }
}
