package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.web.ApiServer;

/**
 * HTTP as RFC 9110 and real clients expect it, over loopback: HEAD, charsets of every text response
 * (on an index whose titles are Greek, Russian, Chinese, Korean and typographic English), refused
 * encodings, the public base URL and trusted proxies, caching validators and {@code Vary}, the
 * document file's validators and ranges, 405 with {@code Allow}, and the Atom feed's date. Expected
 * values come from the RFCs and from the bytes written into the test's own source, not from the
 * server's output.
 */
class HttpProtocolTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  static final Map<String, String> TITLES = ScriptsIndex.TITLES;

  @TempDir static Path dir;
  static IndexStore samples;
  static IndexStore scripts;
  static ApiServer plain;
  static ApiServer behindProxy;
  static ApiServer publicUrl;
  static ApiServer limited;
  static String strict;
  static String base;
  static String proxied;
  static String published;

  @BeforeAll
  static void start() throws Exception {
    ScriptsIndex.Built built = ScriptsIndex.build(dir);
    Path source = built.source();
    Cli.Result samplesRun =
        Cli.run(
            "ingest",
            "--no-semantic",
            Project.samples().toString(),
            "--index",
            dir.resolve("samples").toString(),
            "--no-fetch",
            "--no-ocr");
    assertThat(samplesRun.exit()).as(samplesRun.err()).isZero();
    samples = IndexStore.open(dir.resolve("samples"));
    scripts = IndexStore.open(built.index());
    plain =
        Services.server(
            samples,
            Services.ServerConfig.builder(Project.samples())
                .rateLimit(1_000_000)
                .corsOrigins(List.of("https://intranet.example.org"))
                .build());
    base = "http://127.0.0.1:" + plain.start("127.0.0.1", 0);
    behindProxy =
        Services.server(
            scripts,
            Services.ServerConfig.builder(source)
                .rateLimit(3)
                .trustedProxies(Set.of("127.0.0.1"))
                .build());
    proxied = "http://127.0.0.1:" + behindProxy.start("127.0.0.1", 0);
    publicUrl =
        Services.server(
            scripts,
            Services.ServerConfig.builder(source)
                .rateLimit(1_000_000)
                .publicUrl("https://lks.example.nhs.uk/map-search/")
                .build());
    published = "http://127.0.0.1:" + publicUrl.start("127.0.0.1", 0);
    limited = Services.server(scripts, Services.ServerConfig.builder(source).rateLimit(3).build());
    strict = "http://127.0.0.1:" + limited.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c :
        new AutoCloseable[] {plain, behindProxy, publicUrl, limited, samples, scripts}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static HttpResponse<byte[]> send(String method, String url, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A GET from the server on the samples. */
  static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", base + path, headers);
  }

  /** The body decoded strictly as UTF-8: a byte that is not UTF-8 fails the test. */
  static String utf8(HttpResponse<byte[]> r) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(r.body()))
        .toString();
  }

  /** A response read off the socket: Java's client refuses to send what these tests need. */
  record Raw(int status, Map<String, String> headers, String body) {}

  /**
   * Sends {@code requestLine} (method and target, sent byte for byte) over HTTP/1.1, with {@code
   * extra} header lines (a {@code Host} line replaces the default).
   */
  static Raw raw(String server, String requestLine, String... extra) throws Exception {
    URI uri = URI.create(server);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
      boolean host = false;
      for (String line : extra) {
        host |= line.regionMatches(true, 0, "Host:", 0, 5);
        request.append(line).append("\r\n");
      }
      if (!host) {
        request.append("Host: ").append(uri.getAuthority()).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = response.indexOf("\r\n\r\n");
      String[] head = response.substring(0, split).split("\r\n");
      Map<String, String> headers = new TreeMap<>();
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        headers.put(
            head[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
            head[i].substring(colon + 1).strip());
      }
      String body = response.substring(split + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = unchunk(body);
      }
      return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, body);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
    int at = 0;
    while (true) {
      int eol = indexOf(bytes, at);
      int size =
          Integer.parseInt(new String(bytes, at, eol - at, StandardCharsets.US_ASCII).strip(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(new String(bytes, eol + 2, size, StandardCharsets.UTF_8));
      at = eol + 2 + size + 2;
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length - 1; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("no line end in a chunked body");
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void headGivesTheStatusAndHeadersOfGetWithoutABody() throws Exception {
    for (String path :
        List.of(
            "/api/documents/nope",
            "/api/search?q=workforce&size=x",
            "/api/search?q=workforce",
            "/api/documents/drivers:ltwp",
            "/api/documents/drivers:ltwp/file",
            "/",
            "/openapi.json")) {
      HttpResponse<byte[]> get = send("GET", base + path);
      HttpResponse<byte[]> head = send("HEAD", base + path);
      assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
      assertThat(head.body()).as(path).isEmpty();
      for (String name : List.of("Content-Type", "ETag", "Cache-Control", "Vary")) {
        assertThat(header(head, name)).as(path + " " + name).isEqualTo(header(get, name));
      }
    }
    assertThat(send("HEAD", base + "/api/documents/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void everyTextResponseIsUtf8AndSaysSo() throws Exception {
    for (String path :
        List.of(
            "/api/search?q=library&format=ris",
            "/api/search?q=library&format=bibtex",
            "/api/search?q=library&format=csv",
            "/api/search?q=library&format=atom",
            "/api/search?q=library&format=report-csv",
            "/api/suggest?q=libr&format=opensearch",
            "/opensearch.xml",
            "/?q=library",
            "/documents/greek")) {
      HttpResponse<byte[]> r = send("GET", published + path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(header(r, "Content-Type")).as(path).endsWith("charset=utf-8");
      utf8(r);
    }
    String ris = utf8(send("GET", published + "/api/search?q=library&format=ris&size=10"));
    String bibtex = utf8(send("GET", published + "/api/search?q=library&format=bibtex"));
    for (String title : TITLES.values()) {
      assertThat(ris).contains("TI  - " + title);
      assertThat(bibtex).contains(title);
    }
    // Suggestions are completions of what was typed, in the script it was typed in.
    JsonNode suggestions =
        JSON.readTree(utf8(send("GET", published + "/api/suggest?q=Υπη&format=opensearch")));
    assertThat(suggestions.get(0).asText()).isEqualTo("Υπη");
    assertThat(suggestions.get(1).toString()).contains("υπηρεσίες");
  }

  @Test
  void csvStartsWithAByteOrderMarkUnlessAskedNotTo() throws Exception {
    byte[] withBom = send("GET", published + "/api/search?q=library&format=csv").body();
    assertThat(new byte[] {withBom[0], withBom[1], withBom[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    byte[] without = send("GET", published + "/api/search?q=library&format=csv&bom=false").body();
    assertThat(new String(without, StandardCharsets.UTF_8)).startsWith("id,");
    assertThat(send("GET", published + "/api/search?q=library&bom=maybe").statusCode())
        .isEqualTo(400);
  }

  @Test
  void malformedEncodingIsRefusedWithItsOwnCode() throws Exception {
    for (String query : List.of("q=workforce%", "size=5%ZZ", "q=%C3%28", "q=%FF", "q=a%2")) {
      Raw r = raw(base, "GET /api/search?" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("code").asText())
          .as(query)
          .isEqualTo("invalid_encoding");
      assertThat(r.headers()).containsEntry("cache-control", "no-store");
    }
    // Well-formed UTF-8 with escapes is searched as written.
    HttpResponse<byte[]> ok =
        send(
            "GET",
            published + "/api/search?q=%CE%A5%CF%80%CE%B7%CF%81%CE%B5%CF%83%CE%AF%CE%B5%CF%82");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(utf8(ok)).get("hits").get(0).get("id").asText()).isEqualTo("greek");
  }

  @Test
  void aConfiguredPublicUrlMakesEveryAbsoluteLink() throws Exception {
    String atom =
        raw(published, "GET /api/search?q=library&format=atom", "Host: internal-host:8080").body();
    assertThat(atom).contains("https://lks.example.nhs.uk/map-search/api/search?q=library");
    assertThat(atom).doesNotContain("internal-host").doesNotContain("127.0.0.1");
    String description = utf8(send("GET", published + "/opensearch.xml"));
    assertThat(description)
        .contains("template=\"https://lks.example.nhs.uk/map-search/?q={searchTerms}")
        .doesNotContain("127.0.0.1");
    // Forwarded headers from an untrusted peer are ignored.
    String spoofed =
        utf8(
            send(
                "GET",
                published + "/opensearch.xml",
                "X-Forwarded-Host",
                "evil.example",
                "X-Forwarded-Proto",
                "http"));
    assertThat(spoofed).doesNotContain("evil.example");
  }

  @Test
  void forwardedHeadersCountOnlyFromTrustedProxies() throws Exception {
    String viaProxy =
        utf8(
            send(
                "GET",
                proxied + "/opensearch.xml",
                "X-Forwarded-For",
                "203.0.113.7",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Host",
                "lks.example.org"));
    assertThat(viaProxy).contains("template=\"https://lks.example.org/?q={searchTerms}");
    String rfc7239 =
        utf8(
            send(
                "GET",
                proxied + "/opensearch.xml",
                "Forwarded",
                "for=203.0.113.8;proto=https;host=search.example.net"));
    assertThat(rfc7239).contains("template=\"https://search.example.net/?q={searchTerms}");
    // The plain server trusts no proxy: the Host header it was sent is what it has.
    String direct =
        utf8(
            get(
                "/opensearch.xml",
                "X-Forwarded-Host",
                "evil.example",
                "X-Forwarded-For",
                "9.9.9.9"));
    assertThat(direct).doesNotContain("evil.example").contains("http://127.0.0.1:");
  }

  @Test
  void theRateLimiterKeysOnTheClientBehindATrustedProxy() throws Exception {
    // 3 a minute on the proxied server: client A spends its allowance, client B still has its own.
    // A burst of 10 is allowed before the limit bites (see Services).
    int[] statuses = new int[12];
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] =
          send("GET", proxied + "/api/search?q=library", "X-Forwarded-For", "198.51.100.1")
              .statusCode();
    }
    assertThat(statuses).containsSubsequence(200, 429);
    assertThat(statuses[11]).isEqualTo(429);
    assertThat(
            send("GET", proxied + "/api/search?q=library", "X-Forwarded-For", "198.51.100.2")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void theRateLimiterIgnoresForwardedForFromAnUntrustedPeer() throws Exception {
    // This server trusts no proxy, so every request below is the same client (127.0.0.1),
    // whatever X-Forwarded-For says.
    int last = 0;
    for (int i = 0; i < 12; i++) {
      last =
          send("GET", strict + "/api/search?q=library", "X-Forwarded-For", "192.0.2." + i)
              .statusCode();
    }
    assertThat(last).isEqualTo(429);
  }

  @Test
  void cachingFollowsRfc9110() throws Exception {
    HttpResponse<byte[]> first = send("GET", published + "/api/search?q=library");
    String etag = header(first, "ETag");
    assertThat(etag).startsWith("W/\"");
    assertThat(header(first, "Vary")).contains("Accept-Encoding");
    HttpResponse<byte[]> gzip =
        send("GET", published + "/api/search?q=library", "Accept-Encoding", "gzip");
    assertThat(header(gzip, "Vary")).contains("Accept-Encoding");
    // Weak comparison, lists and * (RFC 9110 13.1.2).
    for (String inm : List.of(etag, etag.substring(2), "W/\"other\", " + etag, "*")) {
      HttpResponse<byte[]> again =
          send("GET", published + "/api/search?q=library", "If-None-Match", inm);
      assertThat(again.statusCode()).as(inm).isEqualTo(304);
      assertThat(again.body()).isEmpty();
    }
    assertThat(
            send("GET", published + "/api/search?q=library", "If-None-Match", "W/\"other\"")
                .statusCode())
        .isEqualTo(200);
    // An error is never stored and never revalidated into a 304.
    HttpResponse<byte[]> bad =
        send("GET", published + "/api/search?q=library&size=x", "If-None-Match", "*");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(header(bad, "ETag")).isNull();
    assertThat(header(bad, "Cache-Control")).isEqualTo("no-store");
    // CORS answers differ by Origin, allowed or not, so every response says so.
    HttpResponse<byte[]> noOrigin = send("GET", published + "/api/search?q=library");
    assertThat(header(noOrigin, "Vary")).contains("Origin");
    HttpResponse<byte[]> allowed =
        get("/api/search?q=library", "Origin", "https://intranet.example.org");
    assertThat(header(allowed, "Access-Control-Allow-Origin"))
        .isEqualTo("https://intranet.example.org");
    assertThat(header(allowed, "Vary")).contains("Origin");
  }

  @Test
  void theDocumentFileHasValidatorsAndServesRanges() throws Exception {
    Path pdf = Project.samples().resolve("documents/long-term-workforce-plan.pdf");
    byte[] bytes = Files.readAllBytes(pdf);
    String path = "/api/documents/drivers:ltwp/file";
    HttpResponse<byte[]> whole = get(path);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(bytes);
    assertThat(header(whole, "Accept-Ranges")).isEqualTo("bytes");
    assertThat(header(whole, "Content-Disposition"))
        .isEqualTo(
            "inline; filename=\"long-term-workforce-plan.pdf\";"
                + " filename*=UTF-8''long-term-workforce-plan.pdf");
    String etag = header(whole, "ETag");
    assertThat(etag).startsWith("\"");
    ZonedDateTime lastModified =
        ZonedDateTime.parse(header(whole, "Last-Modified"), DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(lastModified.toInstant().getEpochSecond())
        .isEqualTo(Files.getLastModifiedTime(pdf).toInstant().getEpochSecond());

    HttpResponse<byte[]> range = get(path, "Range", "bytes=100-199");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(header(range, "Content-Range")).isEqualTo("bytes 100-199/" + bytes.length);
    assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 100, 200));
    HttpResponse<byte[]> tail = get(path, "Range", "bytes=-50");
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body())
        .isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 50, bytes.length));

    HttpResponse<byte[]> open = get(path, "Range", "bytes=" + (bytes.length - 10) + "-");
    assertThat(open.body())
        .isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));
    // Past the end: 416 with the length; several ranges or nonsense: the whole file.
    HttpResponse<byte[]> past = get(path, "Range", "bytes=" + bytes.length + "-");
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(header(past, "Content-Range")).isEqualTo("bytes */" + bytes.length);
    assertThat(JSON.readTree(past.body()).get("code").asText()).isEqualTo("range_not_satisfiable");
    assertThat(get(path, "Range", "bytes=0-1,5-6").body()).isEqualTo(bytes);
    assertThat(get(path, "Range", "pages=1").body()).isEqualTo(bytes);
    // If-Range: a range of the same file, else the whole of the new one.
    assertThat(get(path, "Range", "bytes=0-9", "If-Range", etag).statusCode()).isEqualTo(206);
    HttpResponse<byte[]> changed = get(path, "Range", "bytes=0-9", "If-Range", "\"old\"");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).isEqualTo(bytes);
    HttpResponse<byte[]> headRange = send("HEAD", base + path, "Range", "bytes=0-9");
    assertThat(headRange.statusCode()).isEqualTo(206);
    assertThat(header(headRange, "Content-Length")).isEqualTo("10");

    assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(get(path, "If-Modified-Since", header(whole, "Last-Modified")).statusCode())
        .isEqualTo(304);
    assertThat(get(path, "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWrongMethodOnAKnownRouteIs405WithAllow() throws Exception {
    HttpResponse<byte[]> delete = send("DELETE", base + "/api/search");
    assertThat(delete.statusCode()).isEqualTo(405);
    // OPTIONS is there for CORS preflights.
    assertThat(Set.of(header(delete, "Allow").split(",\\s*")))
        .containsExactlyInAnyOrder("GET", "HEAD", "POST", "OPTIONS");
    assertThat(JSON.readTree(utf8(delete)).get("code").asText()).isEqualTo("method_not_allowed");
    HttpResponse<byte[]> post = send("POST", base + "/api/documents/drivers:ltwp");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(Set.of(header(post, "Allow").split(",\\s*")))
        .doesNotContain("POST")
        .contains("GET", "HEAD");
    assertThat(send("DELETE", base + "/no/such/route").statusCode()).isEqualTo(404);
  }

  @Test
  void theFeedIsDatedByItsNewestEntry() throws Exception {
    String feed = utf8(send("GET", published + "/api/search?q=library&format=atom"));
    var doc = FormatsApiTest.xml(feed);
    String updated =
        doc.getDocumentElement()
            .getElementsByTagNameNS(FormatsApiTest.ATOM, "updated")
            .item(0)
            .getTextContent();
    List<org.w3c.dom.Element> entries = FormatsApiTest.children(doc.getDocumentElement(), "entry");
    String newest =
        entries.stream()
            .map(e -> FormatsApiTest.children(e, "updated").get(0).getTextContent())
            .max(String::compareTo)
            .orElseThrow();
    assertThat(updated).isEqualTo(newest);
    // Dated 2024, as the records were: never the time of the request.
    assertThat(updated).startsWith("2024-03-0");
  }
}
