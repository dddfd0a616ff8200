package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.maptoolkit.search.document.Json;

/**
 * Reads JSON from a live site with {@code java.net.http}: a bounded number of requests in flight, a
 * bounded rate, a User-Agent naming MAP Search, conditional requests where the site gives an ETag
 * or Last-Modified, and bounded retries with growing waits for failures that may pass (the site
 * unreachable, a 5xx, a 429 with its {@code Retry-After}, a malformed answer). A refusal (401, 403)
 * or another 4xx is not retried: asking again would not change it.
 */
final class SiteClient implements AutoCloseable {
  /** Checks an answer's shape: null when it is what was asked for, else what is wrong. */
  @FunctionalInterface
  interface Shape {
    String problem(JsonNode json);
  }

  /** A JSON answer with its headers. */
  record Answer(URI uri, JsonNode json, HttpHeaders headers) {
    /** When the site answered, by its own clock (its Date header), else by ours. */
    Instant siteTime() {
      return headers
          .firstValue("Date")
          .map(
              d -> {
                try {
                  return ZonedDateTime.parse(d.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                      .toInstant();
                } catch (DateTimeParseException e) {
                  return null;
                }
              })
          .orElseGet(Instant::now);
    }
  }

  /** What was asked of the site: requests sent, retries among them, answers not modified. */
  record Counts(int requests, int retries, int notModified) {}

  /** A failure that may pass: the request is tried again after {@code wait} (or the backoff). */
  private static final class Transient extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final Duration wait;

    Transient(int status, String message, Duration wait) {
      super(message, null, false, false);
      this.status = status;
      this.wait = wait;
    }
  }

  private final SiteSettings settings;
  private final HttpClient http;
  private final FetchCache cache;
  private final Semaphore inFlight;
  private final ObjectMapper json = Json.mapper();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicInteger notModified = new AtomicInteger();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "site-deadline");
            t.setDaemon(true);
            return t;
          });
  // When the next request may start (System.nanoTime), so that starts are minInterval apart.
  private long nextStart;

  SiteClient(SiteSettings settings) throws IOException {
    this.settings = settings;
    this.cache = new FetchCache(settings.cacheDir());
    this.inFlight = new Semaphore(settings.maxConcurrent(), true);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            // Same scheme or an upgrade to https; never from https down to http.
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The JSON at {@code uri}, of the expected shape, retried while the failure may pass. */
  Answer json(URI uri, Shape shape) throws IOException {
    return withRetries(attempt -> read(uri, shape, attempt == 1), true);
  }

  /**
   * As {@link #json}, but an answer that is not JSON of the shape is final (status 200): asking an
   * address whether it is what we look for, "no" is an answer.
   */
  Answer jsonIfAny(URI uri, Shape shape) throws IOException {
    return withRetries(attempt -> read(uri, shape, attempt == 1), false);
  }

  /** The headers of the page at {@code uri} (its body is not kept), retried likewise. */
  HttpHeaders headers(URI uri) throws IOException {
    return withRetries(attempt -> probe(uri), true);
  }

  Counts counts() {
    return new Counts(requests.get(), retries.get(), notModified.get());
  }

  /** One try of a request. */
  @FunctionalInterface
  private interface Attempt<T> {
    T run(int attempt) throws IOException, Transient;
  }

  private <T> T withRetries(Attempt<T> attempt, boolean retryMalformed) throws IOException {
    for (int i = 1; ; i++) {
      Transient failure;
      try {
        return attempt.run(i);
      } catch (Transient t) {
        failure = t;
      }
      if (failure.status == 200 && !retryMalformed) {
        throw new SiteException(200, failure.getMessage());
      }
      if (i >= settings.attempts()) {
        throw new SiteException(
            failure.status,
            failure.getMessage()
                + (settings.attempts() == 1 ? "" : " (tried " + settings.attempts() + " times)"));
      }
      Duration backoff = settings.backoff().multipliedBy(1L << Math.min(i - 1, 20));
      Duration wait =
          failure.wait != null && failure.wait.compareTo(backoff) > 0 ? failure.wait : backoff;
      retries.incrementAndGet();
      sleep(wait);
    }
  }

  private Answer read(URI uri, Shape shape, boolean conditional) throws IOException, Transient {
    String key = uri.toString();
    // A retry asks unconditionally: the kept copy may be what failed to read.
    Optional<FetchCache.Entry> cached = conditional ? cache.get(key) : Optional.empty();
    HttpRequest.Builder request = request(uri).header("Accept", "application/json");
    cached.ifPresent(
        entry -> {
          if (entry.etag() != null) {
            request.header("If-None-Match", entry.etag());
          }
          if (entry.lastModified() != null) {
            request.header("If-Modified-Since", entry.lastModified());
          }
        });
    byte[] body;
    HttpHeaders headers;
    boolean fresh;
    acquire();
    try {
      HttpResponse<InputStream> response = send(request.build());
      headers = response.headers();
      int status = response.statusCode();
      if (status == 304 && cached.isPresent()) {
        discard(response);
        notModified.incrementAndGet();
        body = Files.readAllBytes(cache.body(key));
        fresh = false;
      } else if (status == 200) {
        body = body(uri, response);
        fresh = true;
      } else {
        discard(response);
        throw failure(uri, status, headers);
      }
    } finally {
      inFlight.release();
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JacksonException e) {
      throw new Transient(
          200,
          "the site answered " + uri + " with malformed JSON: " + e.getOriginalMessage(),
          null);
    }
    String problem = node == null ? "an empty answer" : shape.problem(node);
    if (problem != null) {
      throw new Transient(200, "the site answered " + uri + " with " + problem, null);
    }
    if (fresh) {
      remember(key, headers, body);
    }
    return new Answer(uri, node, headers);
  }

  private HttpHeaders probe(URI uri) throws IOException, Transient {
    acquire();
    try {
      HttpResponse<InputStream> response = send(request(uri).header("Accept", "text/html").build());
      discard(response);
      if (response.statusCode() >= 200 && response.statusCode() < 300) {
        return response.headers();
      }
      throw failure(uri, response.statusCode(), response.headers());
    } finally {
      inFlight.release();
    }
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("User-Agent", settings.userAgent())
        .GET();
  }

  private HttpResponse<InputStream> send(HttpRequest request) throws IOException, Transient {
    pace();
    requests.incrementAndGet();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + request.uri());
    } catch (IOException e) {
      throw new Transient(
          0,
          "cannot reach "
              + request.uri().getHost()
              + ":"
              + port(request.uri())
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          null);
    }
  }

  /** What an answer other than 200 means: a failure to retry, or one to report at once. */
  private IOException failure(URI uri, int status, HttpHeaders headers) throws Transient {
    String what = "the site answered HTTP " + status + " for " + uri;
    if (status == 429 || status == 503) {
      Duration asked = retryAfter(headers.firstValue("Retry-After").orElse(null));
      if (asked != null && asked.compareTo(settings.maxRetryAfter()) > 0) {
        return new SiteException(
            status,
            what
                + ": it asks to wait "
                + asked.toSeconds()
                + " s, longer than the "
                + settings.maxRetryAfter().toSeconds()
                + " s a run waits; try again later");
      }
      throw new Transient(
          status, what + (status == 429 ? " (too many requests)" : " (unavailable)"), asked);
    }
    if (status >= 500 || status == 408) {
      throw new Transient(status, what, null);
    }
    if (status == 401 || status == 403) {
      return new SiteException(
          status,
          what
              + ": it refuses to show its content to anonymous readers. MAP Search reads only what"
              + " the public can read; allow anonymous GET requests to the REST API (/wp-json/)");
    }
    return new SiteException(status, what);
  }

  /** A {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(Instant.now(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The body, at most {@code maxBytes}, stopped if it stalls past the request timeout. */
  private byte[] body(URI uri, HttpResponse<InputStream> response) throws IOException, Transient {
    ScheduledFuture<?> alarm =
        watchdog.schedule(
            () -> discard(response), settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBytes() + 1));
    } catch (IOException e) {
      throw new Transient(
          response.statusCode(),
          "the answer from " + uri + " broke off (" + e.getClass().getSimpleName() + ")",
          null);
    } finally {
      alarm.cancel(false);
    }
    if (body.length > settings.maxBytes()) {
      throw new SiteException(
          response.statusCode(),
          "the answer from " + uri + " is larger than " + settings.maxBytes() + " bytes");
    }
    return body;
  }

  /** Keeps an answer the site gave validators for, to ask for it conditionally next time. */
  private void remember(String key, HttpHeaders headers, byte[] body) {
    String etag = headers.firstValue("ETag").orElse(null);
    String lastModified = headers.firstValue("Last-Modified").orElse(null);
    if (etag == null && lastModified == null) {
      return;
    }
    try {
      Path part = cache.newPart(key);
      try (OutputStream out = Files.newOutputStream(part)) {
        out.write(body);
      }
      cache.put(new FetchCache.Entry(key, etag, lastModified, "application/json", key), part);
    } catch (IOException e) {
      // Only the next request's condition is lost: it is then asked for in full.
    }
  }

  private void acquire() throws InterruptedIOException {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to ask the site");
    }
  }

  /** Waits until this request may start, keeping starts at least minInterval apart. */
  private void pace() throws InterruptedIOException {
    long interval = settings.minInterval().toNanos();
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long start = Math.max(now, nextStart);
      nextStart = start + interval;
      wait = start - now;
    }
    sleep(Duration.ofNanos(wait));
  }

  private static void sleep(Duration wait) throws InterruptedIOException {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to ask the site again");
    }
  }

  private static void discard(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException e) {
      // The connection is dropped either way.
    }
  }

  private static int port(URI uri) {
    return uri.getPort() != -1
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    http.close();
  }
}
