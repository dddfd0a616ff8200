package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.maptoolkit.search.document.ContentHash;
import org.maptoolkit.search.document.Json;

/**
 * Fetches linked documents over HTTP(S) with timeouts, a redirect limit, a size limit and a
 * content-type check, keeping an on-disk cache keyed by URL that is revalidated with ETag /
 * Last-Modified, so an unchanged document is not downloaded again.
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
  private final HttpClient client;
  private final ObjectMapper json = Json.mapper();
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

  /** What the cache knows of a URL. */
  record CacheEntry(
      String url, String etag, String lastModified, String contentType, String finalUrl) {}

  public HttpFetcher(FetchConfig config) throws IOException {
    this.config = config;
    Files.createDirectories(config.cacheDir());
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
    if (!isHttp(uri)) {
      return Fetched.failed("only http and https links are fetched");
    }
    String key = ContentHash.of(url);
    Path body = config.cacheDir().resolve(key + ".body");
    Path meta = config.cacheDir().resolve(key + ".json");
    Optional<CacheEntry> cached = readMeta(meta).filter(e -> Files.isRegularFile(body));
    URI current = uri;
    for (int hop = 0; hop <= config.maxRedirects(); hop++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(current)
              .timeout(config.requestTimeout())
              .header("User-Agent", config.userAgent())
              .GET();
      if (hop == 0 && cached.isPresent()) {
        if (cached.get().etag() != null) {
          request.header("If-None-Match", cached.get().etag());
        }
        if (cached.get().lastModified() != null) {
          request.header("If-Modified-Since", cached.get().lastModified());
        }
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
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
        return new Fetched(body, cached.get().contentType(), cached.get().finalUrl(), true, null);
      }
      if (status >= 300 && status < 400 && status != 304) {
        close(response);
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          return Fetched.failed("redirect (" + status + ") without a Location");
        }
        current = current.resolve(location.get());
        if (!isHttp(current)) {
          return Fetched.failed("redirected to a non-http URL");
        }
        continue;
      }
      if (status != 200) {
        close(response);
        return Fetched.failed("HTTP " + status + " from " + current.getHost());
      }
      String type =
          response.headers().firstValue("Content-Type").orElse("application/octet-stream");
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
      InputStream stream = response.body();
      AtomicBoolean expired = new AtomicBoolean();
      ScheduledFuture<?> alarm =
          watchdog.schedule(
              () -> {
                expired.set(true);
                close(response);
              },
              config.requestTimeout().toMillis(),
              TimeUnit.MILLISECONDS);
      Path tmp = null;
      try {
        tmp = Files.createTempFile(config.cacheDir(), key, ".part");
        try (InputStream in = stream;
            OutputStream out = Files.newOutputStream(tmp)) {
          long copied = copyAtMost(in, out, config.maxBytes());
          if (expired.get()) {
            throw new IOException("stalled");
          }
          if (copied > config.maxBytes()) {
            Files.deleteIfExists(tmp);
            return Fetched.failed("document is over the limit of " + config.maxBytes() + " bytes");
          }
        } finally {
          alarm.cancel(false);
        }
        Files.move(tmp, body, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        CacheEntry entry =
            new CacheEntry(
                url,
                response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null),
                mime,
                current.toString());
        Files.writeString(meta, json.writeValueAsString(entry), StandardCharsets.UTF_8);
        return new Fetched(body, mime, current.toString(), false, null);
      } catch (IOException e) {
        deleteQuietly(tmp);
        return Fetched.failed(
            expired.get()
                ? "timed out reading the body from " + current.getHost()
                : "cannot read the body from "
                    + current.getHost()
                    + ": "
                    + e.getClass().getSimpleName());
      }
    }
    return Fetched.failed("more than " + config.maxRedirects() + " redirects");
  }

  private static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > max) {
        return total;
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private Optional<CacheEntry> readMeta(Path meta) {
    try {
      return Files.isRegularFile(meta)
          ? Optional.of(json.readValue(meta.toFile(), CacheEntry.class))
          : Optional.empty();
    } catch (IOException e) {
      // A damaged cache entry is simply a miss.
      return Optional.empty();
    }
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
