package org.maptoolkit.search.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFetcherTest {
  private static final String ETAG = "\"v1-abc\"";
  private static final String LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";

  /** One request as the server saw it and answered it. */
  record Seen(String path, String ifNoneMatch, String ifModifiedSince, int status, int bytes) {}

  @TempDir Path dir;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private HttpServer server;
  private String base;
  private byte[] pdf;
  private HttpFetcher fetcher;

  @BeforeEach
  void start() throws IOException {
    pdf = TestDocuments.pdf(TikaExtractorTest.THREE_PAGES);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/etag.pdf", x -> conditional(x, "ETag", ETAG, "If-None-Match"));
    server.createContext(
        "/dated.pdf", x -> conditional(x, "Last-Modified", LAST_MODIFIED, "If-Modified-Since"));
    server.createContext("/plain.pdf", x -> send(x, 200, "application/pdf", pdf));
    server.createContext(
        "/r/",
        x -> {
          int left = Integer.parseInt(x.getRequestURI().getPath().substring(3));
          x.getResponseHeaders().add("Location", left == 1 ? "/plain.pdf" : "/r/" + (left - 1));
          send(x, 302, null, new byte[0]);
        });
    server.createContext("/big.pdf", x -> send(x, 200, "application/pdf", new byte[4097]));
    server.createContext(
        "/big-chunked.pdf",
        x -> {
          record(x, 200, 5000);
          x.getResponseHeaders().add("Content-Type", "application/pdf");
          x.sendResponseHeaders(200, 0);
          try (OutputStream out = x.getResponseBody()) {
            for (int i = 0; i < 5; i++) {
              out.write(new byte[1000]);
            }
          }
        });
    server.createContext("/picture.png", x -> send(x, 200, "image/png", new byte[] {1, 2, 3}));
    server.createContext(
        "/slow.pdf",
        x -> {
          sleep(3000);
          send(x, 200, "application/pdf", pdf);
        });
    server.createContext(
        "/stalls.pdf",
        x -> {
          record(x, 200, pdf.length);
          x.getResponseHeaders().add("Content-Type", "application/pdf");
          x.sendResponseHeaders(200, pdf.length);
          try (OutputStream out = x.getResponseBody()) {
            out.write(pdf, 0, 100);
            out.flush();
            sleep(3000);
            out.write(pdf, 100, pdf.length - 100);
          } catch (IOException e) {
            // The client gave up: expected.
          }
        });
    // A public-looking link that redirects to the machine itself.
    server.createContext(
        "/to-loopback",
        x -> {
          x.getResponseHeaders()
              .add("Location", "http://localhost:" + server.getAddress().getPort() + "/plain.pdf");
          x.sendResponseHeaders(302, -1);
          x.close();
        });
    server.createContext(
        "/missing.pdf",
        x -> send(x, 404, "text/html", "gone".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    fetcher = new HttpFetcher(config(5, 4096, Duration.ofSeconds(10)));
  }

  @AfterEach
  void stop() {
    fetcher.close();
    server.stop(0);
    threads.shutdownNow();
  }

  /** The test server is on loopback, which fetching refuses unless the host is allowed. */
  private FetchConfig config(int redirects, long maxBytes, Duration requestTimeout) {
    return new FetchConfig(
        Duration.ofSeconds(2),
        requestTimeout,
        redirects,
        maxBytes,
        dir.resolve("cache"),
        "test",
        java.util.Set.of("127.0.0.1"));
  }

  private void conditional(HttpExchange x, String header, String value, String condition)
      throws IOException {
    x.getResponseHeaders().add(header, value);
    if (value.equals(x.getRequestHeaders().getFirst(condition))) {
      record(x, 304, 0);
      x.sendResponseHeaders(304, -1);
      x.close();
    } else {
      send(x, 200, "application/pdf", pdf);
    }
  }

  private void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
    record(x, status, body.length);
    if (type != null) {
      x.getResponseHeaders().add("Content-Type", type);
    }
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    } catch (IOException e) {
      // The client may close early when it refuses a body.
    }
  }

  private void record(HttpExchange x, int status, int bytes) {
    seen.add(
        new Seen(
            x.getRequestURI().getPath(),
            x.getRequestHeaders().getFirst("If-None-Match"),
            x.getRequestHeaders().getFirst("If-Modified-Since"),
            status,
            bytes));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aSecondFetchRevalidatesWithTheETagAndUsesTheCache() throws Exception {
    HttpFetcher.Fetched first = fetcher.fetch(base + "/etag.pdf");

    assertThat(first.ok()).isTrue();
    assertThat(first.fromCache()).isFalse();
    assertThat(first.contentType()).isEqualTo("application/pdf");
    assertThat(first.finalUrl()).isEqualTo(base + "/etag.pdf");
    assertThat(Files.readAllBytes(first.file())).isEqualTo(pdf);

    HttpFetcher.Fetched second = fetcher.fetch(base + "/etag.pdf");

    assertThat(second.ok()).isTrue();
    assertThat(second.fromCache()).isTrue();
    assertThat(second.file()).isEqualTo(first.file());
    assertThat(second.contentType()).isEqualTo("application/pdf");
    assertThat(Files.readAllBytes(second.file())).isEqualTo(pdf);
    assertThat(seen)
        .containsExactly(
            new Seen("/etag.pdf", null, null, 200, pdf.length),
            new Seen("/etag.pdf", ETAG, null, 304, 0));
  }

  @Test
  void aSecondFetchRevalidatesWithLastModified() throws Exception {
    HttpFetcher.Fetched first = fetcher.fetch(base + "/dated.pdf");
    HttpFetcher.Fetched second = fetcher.fetch(base + "/dated.pdf");

    assertThat(first.fromCache()).isFalse();
    assertThat(second.fromCache()).isTrue();
    assertThat(Files.readAllBytes(second.file())).isEqualTo(pdf);
    assertThat(seen)
        .containsExactly(
            new Seen("/dated.pdf", null, null, 200, pdf.length),
            new Seen("/dated.pdf", null, LAST_MODIFIED, 304, 0));
  }

  @Test
  void aDamagedCacheEntryIsAMissNotACrash() throws Exception {
    assertThat(fetcher.fetch(base + "/etag.pdf").ok()).isTrue();
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      for (Path meta : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        Files.writeString(meta, "{\"url\": \"trunc");
      }
    }

    HttpFetcher.Fetched again = fetcher.fetch(base + "/etag.pdf");

    assertThat(again.ok()).isTrue();
    assertThat(again.fromCache()).isFalse();
    assertThat(Files.readAllBytes(again.file())).isEqualTo(pdf);
    assertThat(seen.get(1)).isEqualTo(new Seen("/etag.pdf", null, null, 200, pdf.length));
    // The entry is whole again: the next fetch revalidates.
    assertThat(fetcher.fetch(base + "/etag.pdf").fromCache()).isTrue();
  }

  @Test
  void redirectsWithinTheLimitAreFollowed() {
    HttpFetcher.Fetched fetched = fetcher.fetch(base + "/r/5");

    assertThat(fetched.ok()).isTrue();
    assertThat(fetched.finalUrl()).isEqualTo(base + "/plain.pdf");
    assertThat(seen)
        .extracting(Seen::path)
        .containsExactly("/r/5", "/r/4", "/r/3", "/r/2", "/r/1", "/plain.pdf");
  }

  @Test
  void redirectsOverTheLimitAreRefused() {
    HttpFetcher.Fetched fetched = fetcher.fetch(base + "/r/6");

    assertThat(fetched).isEqualTo(HttpFetcher.Fetched.failed("more than 5 redirects"));
    assertThat(seen).extracting(Seen::path).doesNotContain("/plain.pdf");
  }

  @Test
  void aBodyOverTheSizeLimitIsRefusedAndNotCached() throws Exception {
    assertThat(fetcher.fetch(base + "/big.pdf").error())
        .isEqualTo("document is 4097 bytes, over the limit of 4096");
    assertThat(fetcher.fetch(base + "/big-chunked.pdf").error())
        .isEqualTo("document is over the limit of 4096 bytes");
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anImageIsRefused() {
    assertThat(fetcher.fetch(base + "/picture.png"))
        .isEqualTo(HttpFetcher.Fetched.failed("content type image/png is not a document type"));
  }

  @Test
  void anHttpErrorIsReported() {
    assertThat(fetcher.fetch(base + "/missing.pdf"))
        .isEqualTo(HttpFetcher.Fetched.failed("HTTP 404 from 127.0.0.1"));
  }

  @Test
  void aSlowServerTimesOut() throws Exception {
    try (HttpFetcher hurried = new HttpFetcher(config(5, 1 << 20, Duration.ofMillis(500)))) {
      assertThat(hurried.fetch(base + "/slow.pdf"))
          .isEqualTo(HttpFetcher.Fetched.failed("timed out fetching 127.0.0.1"));
    }
  }

  @Test
  void aBodyThatStallsTimesOut() throws Exception {
    try (HttpFetcher hurried = new HttpFetcher(config(5, 1 << 20, Duration.ofMillis(500)))) {
      HttpFetcher.Fetched fetched = hurried.fetch(base + "/stalls.pdf");

      assertThat(fetched)
          .isEqualTo(HttpFetcher.Fetched.failed("timed out reading the body from 127.0.0.1"));
    }
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      assertThat(files).as("no partial body is left behind").isEmpty();
    }
  }

  @Test
  void aConfigurationWithoutUsableTimeoutsIsRefusedAtOnce() {
    Path cache = dir.resolve("cache");
    assertThatThrownBy(
            () -> new FetchConfig(Duration.ZERO, Duration.ofSeconds(1), 5, 4096, cache, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive");
    assertThatThrownBy(
            () ->
                new FetchConfig(Duration.ofSeconds(1), Duration.ofMillis(-1), 5, 4096, cache, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be positive");
    assertThatThrownBy(() -> config(21, 4096, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config(5, 1023, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void loopbackLinkLocalAndPrivateAddressesAreNotFetchedUnlessAllowed() throws Exception {
    try (HttpFetcher strict =
        new HttpFetcher(
            new FetchConfig(
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                5,
                4096,
                dir.resolve("strict-cache"),
                "test"))) {
      assertThat(strict.fetch(base + "/plain.pdf").error())
          .isEqualTo(
              "not fetched: 127.0.0.1 is a loopback address (127.0.0.1); allow it with"
                  + " --fetch-allow-host 127.0.0.1");
      assertThat(strict.fetch("http://169.254.169.254/latest/meta-data/").error())
          .startsWith("not fetched: 169.254.169.254 is a link-local address");
      assertThat(strict.fetch("http://10.1.2.3/report.pdf").error())
          .startsWith("not fetched: 10.1.2.3 is a private address");
      assertThat(strict.fetch("http://[::1]/report.pdf").error())
          .startsWith("not fetched: [::1] is a loopback address");
    }
    // 127.0.0.1 is allowed, but a redirect from it to another name of this machine is checked
    // again, and refused.
    assertThat(fetcher.fetch(base + "/to-loopback").error())
        .startsWith("not fetched: localhost is a loopback address");
    assertThat(seen).extracting(Seen::path).doesNotContain("/plain.pdf");
  }

  @Test
  void onlyHttpLinksAreFetched() {
    HttpFetcher.Fetched refused =
        HttpFetcher.Fetched.failed("only http and https links are fetched");

    assertThat(fetcher.fetch("file:///etc/passwd")).isEqualTo(refused);
    assertThat(fetcher.fetch("ftp://127.0.0.1/doc.pdf")).isEqualTo(refused);
    assertThat(fetcher.fetch("documents/report.pdf")).isEqualTo(refused);
    assertThat(fetcher.fetch("http://exa%mple.org/"))
        .isEqualTo(HttpFetcher.Fetched.failed("not a valid URL"));
    assertThat(seen).isEmpty();
  }

  @Test
  void aLinkWithSpacesIsFetchedAsABrowserWould() throws Exception {
    HttpFetcher.Fetched fetched = fetcher.fetch(base + "/plain.pdf?name=Annual Report 2019");

    assertThat(fetched.ok()).isTrue();
    assertThat(Files.readAllBytes(fetched.file())).isEqualTo(pdf);
    assertThat(fetched.finalUrl()).isEqualTo(base + "/plain.pdf?name=Annual%20Report%202019");
  }
}
