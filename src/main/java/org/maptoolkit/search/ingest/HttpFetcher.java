package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches linked documents over HTTP(S): public addresses only (unless a host is allowed), with
 * timeouts, a redirect limit (each target checked again), a size limit and a content-type check,
 * through an on-disk cache revalidated with ETag / Last-Modified, so an unchanged document is not
 * downloaded again.
 */
public final class HttpFetcher implements AutoCloseable {
  /** Types worth extracting: documents and web pages, not images, video or archives. */
  private static final Set<String> ACCEPTED =
      Set.of(
          "application/pdf",
          "application/msword",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "application/vnd.ms-powerpoint",
          "application/vnd.oasis.opendocument.text",
          "application/vnd.oasis.opendocument.presentation",
          "application/rtf",
          "text/html",
          "application/xhtml+xml",
          "text/plain",
          "application/octet-stream");

  private final FetchConfig config;
  private final FetchCache cache;
  private final AddressPolicy policy;
  private final HttpClient client;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fetch-deadline");
            t.setDaemon(true);
            return t;
          });

  /** A fetched body on disk (in the cache) or why there is none. */
  public record Fetched(
      Path file, String contentType, String finalUrl, boolean fromCache, String error) {
    public boolean ok() {
      return error == null;
    }

    static Fetched failed(String error) {
      return new Fetched(null, null, null, false, error);
    }
  }

  public HttpFetcher(FetchConfig config) throws IOException {
    this.config = config;
    this.cache = new FetchCache(config.cacheDir());
    this.policy = new AddressPolicy(config.allowedHosts());
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            // Redirects are followed by hand, to count them and check each target.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Fetches {@code url}, from the cache when the server says it has not changed. */
  public Fetched fetch(String url) {
    URI uri;
    try {
      // Editors paste links with spaces ("My Report.pdf"); browsers send them as %20.
      uri = URI.create(url.strip().replace(" ", "%20"));
    } catch (IllegalArgumentException e) {
      return Fetched.failed("not a valid URL");
    }
    Optional<FetchCache.Entry> cached = cache.get(url);
    URI current = uri;
    for (int hop = 0; hop <= config.maxRedirects(); hop++) {
      if (!isHttp(current)) {
        return Fetched.failed(
            hop == 0 ? "only http and https links are fetched" : "redirected to a non-http URL");
      }
      Optional<String> refused = policy.refuse(current);
      if (refused.isPresent()) {
        return Fetched.failed(refused.get());
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(request(current, hop == 0 ? cached : Optional.empty()), ofStream());
      } catch (HttpTimeoutException e) {
        return Fetched.failed("timed out fetching " + current.getHost());
      } catch (IOException e) {
        return Fetched.failed(
            "cannot fetch from "
                + current.getHost()
                + ": "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Fetched.failed("interrupted");
      }
      int status = response.statusCode();
      if (status == 304 && cached.isPresent()) {
        close(response);
        FetchCache.Entry entry = cached.get();
        return new Fetched(cache.body(url), entry.contentType(), entry.finalUrl(), true, null);
      }
      if (status >= 300 && status < 400 && status != 304) {
        close(response);
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          return Fetched.failed("redirect (" + status + ") without a Location");
        }
        current = current.resolve(location.get());
        continue;
      }
      if (status != 200) {
        close(response);
        return Fetched.failed("HTTP " + status + " from " + current.getHost());
      }
      return download(url, current, response);
    }
    return Fetched.failed("more than " + config.maxRedirects() + " redirects");
  }

  private HttpRequest request(URI uri, Optional<FetchCache.Entry> cached) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("User-Agent", config.userAgent())
            .GET();
    cached.ifPresent(
        entry -> {
          if (entry.etag() != null) {
            request.header("If-None-Match", entry.etag());
          }
          if (entry.lastModified() != null) {
            request.header("If-Modified-Since", entry.lastModified());
          }
        });
    return request.build();
  }

  private static HttpResponse.BodyHandler<InputStream> ofStream() {
    return HttpResponse.BodyHandlers.ofInputStream();
  }

  /** Saves a 200 response's body into the cache, refusing other types and oversized bodies. */
  private Fetched download(String url, URI from, HttpResponse<InputStream> response) {
    String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
    String mime = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (!ACCEPTED.contains(mime)) {
      close(response);
      return Fetched.failed("content type " + mime + " is not a document type");
    }
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > config.maxBytes()) {
      close(response);
      return Fetched.failed(
          "document is " + declared + " bytes, over the limit of " + config.maxBytes());
    }
    // The client's request timeout ends when the headers arrive; a body that stalls or trickles
    // is stopped by closing its stream when the same time has passed again.
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        watchdog.schedule(
            () -> {
              expired.set(true);
              close(response);
            },
            config.requestTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    Path part = null;
    try {
      part = cache.newPart(url);
      try (InputStream in = response.body();
          OutputStream out = Files.newOutputStream(part)) {
        long copied = copyAtMost(in, out, config.maxBytes());
        if (expired.get()) {
          throw new IOException("stalled");
        }
        if (copied > config.maxBytes()) {
          Files.deleteIfExists(part);
          return Fetched.failed("document is over the limit of " + config.maxBytes() + " bytes");
        }
      } finally {
        alarm.cancel(false);
      }
      cache.put(
          new FetchCache.Entry(
              url,
              response.headers().firstValue("ETag").orElse(null),
              response.headers().firstValue("Last-Modified").orElse(null),
              mime,
              from.toString()),
          part);
      return new Fetched(cache.body(url), mime, from.toString(), false, null);
    } catch (IOException e) {
      deleteQuietly(part);
      return Fetched.failed(
          expired.get()
              ? "timed out reading the body from " + from.getHost()
              : "cannot read the body from "
                  + from.getHost()
                  + ": "
                  + e.getClass().getSimpleName());
    }
  }

  private static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
      total += n;
      if (total > max) {
        return total;
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private static void deleteQuietly(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // A stray .part file is harmless: it is never read as a cache entry.
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException e) {
      // Nothing to do: the connection is discarded.
    }
  }

  private static boolean isHttp(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    client.close();
  }
}
