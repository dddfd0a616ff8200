package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.search.SearchService;

/** {@code GET /api/documents/{id}} and the main document file MAP Search holds for it. */
public final class DocumentController implements Controller {
  /**
   * An HTTP-date as RFC 9110 5.6.7 asks senders to write it (IMF-fixdate: a two-digit day, {@code
   * Sun, 06 Nov 1994 08:49:37 GMT}); Java's RFC_1123_DATE_TIME writes {@code 6 Nov}.
   */
  static final java.time.format.DateTimeFormatter HTTP_DATE =
      java.time.format.DateTimeFormatter.ofPattern(
          "EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);

  private final SearchService search;
  private final Path sourceRoot;

  /**
   * @param sourceRoot the folder the index was built from, for serving main documents; may be null
   */
  public DocumentController(SearchService search, Path sourceRoot) {
    this.search = search;
    this.sourceRoot = sourceRoot == null ? null : sourceRoot.toAbsolutePath().normalize();
  }

  @Override
  public void routes(Routes routes) {
    routes.get("/api/documents/{id}", this::document);
    routes.get("/api/documents/{id}/file", this::file);
  }

  private MapDocument find(Context ctx) {
    return search.require(ctx.pathParam("id"));
  }

  private void document(Context ctx) {
    QueryParams.only(ctx, java.util.Set.of());
    MapDocument doc = find(ctx);
    if (!Caching.notModified(ctx, search.indexVersion(), ctx.fullUrl())) {
      ctx.json(doc);
    }
  }

  /**
   * The main document's file, with validators (an ETag from its size and time, Last-Modified) and
   * byte ranges, which PDF viewers use to open page N without the whole file.
   */
  private void file(Context ctx) throws IOException {
    QueryParams.only(ctx, java.util.Set.of());
    MapDocument doc = find(ctx);
    var main = doc.mainDocument();
    if (main == null || !main.isLocal() || sourceRoot == null) {
      throw new ApiException(
          ErrorCode.FILE_NOT_FOUND, "document '" + doc.id() + "' has no file held by MAP Search");
    }
    Path file = sourceRoot.resolve(main.location()).normalize();
    if (!file.startsWith(sourceRoot) || !Files.isRegularFile(file)) {
      throw new ApiException(
          ErrorCode.FILE_NOT_FOUND, "the file of document '" + doc.id() + "' is no longer there");
    }
    long size = Files.size(file);
    java.time.Instant modified =
        Files.getLastModifiedTime(file)
            .toInstant()
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String lastModified = HTTP_DATE.format(modified.atZone(java.time.ZoneOffset.UTC));
    ctx.header("Last-Modified", lastModified);
    // Strong: the bytes are sent as they are, never re-encoded.
    String etag =
        "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.getEpochSecond()) + "\"";
    if (Caching.validators(ctx, etag, "public, max-age=300")
        || notModifiedSince(ctx.header("If-Modified-Since"), modified, ctx)) {
      return;
    }
    ctx.header("Accept-Ranges", "bytes");
    ByteRange.Request range =
        rangeStillValid(ctx.header("If-Range"), etag, lastModified)
            ? ByteRange.of(ctx.header("Range"), size)
            : new ByteRange.Whole();
    switch (range) {
      case ByteRange.Unsatisfiable u -> {
        ctx.header("Content-Range", "bytes */" + size);
        throw new ApiException(
            ErrorCode.RANGE_NOT_SATISFIABLE,
            "the range '"
                + SearchParams.clip(ctx.header("Range"))
                + "' lies past the end of the "
                + size
                + "-byte file");
      }
      case ByteRange.Part p -> {
        fileHeaders(ctx, file);
        ctx.status(206);
        ctx.header("Content-Range", p.range().contentRange(size));
        send(ctx, file, p.range().first(), p.range().length());
      }
      case ByteRange.Whole w -> {
        fileHeaders(ctx, file);
        send(ctx, file, 0, size);
      }
    }
  }

  /**
   * The type and name of the file being sent (set only when it is: a 416's JSON body is no file).
   */
  private static void fileHeaders(Context ctx, Path file) {
    String name = file.getFileName().toString();
    String type =
        name.endsWith(".pdf") ? "application/pdf" : URLConnection.guessContentTypeFromName(name);
    ctx.header("Content-Disposition", disposition(name));
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(type == null ? "application/octet-stream" : type);
  }

  /**
   * Writes {@code length} bytes from {@code offset} straight to the servlet's stream: never
   * compressed, so the strong ETag and byte ranges hold.
   */
  private static void send(Context ctx, Path file, long offset, long length) throws IOException {
    ctx.header("Content-Length", Long.toString(length));
    if (ctx.method().equals(io.javalin.http.HandlerType.HEAD)) {
      return;
    }
    try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(file);
        java.io.OutputStream out = ctx.res().getOutputStream()) {
      var channel = java.nio.channels.Channels.newChannel(out);
      long sent = 0;
      while (sent < length) {
        long n = in.transferTo(offset + sent, length - sent, channel);
        if (n <= 0) {
          throw new IOException(file.getFileName() + " is shorter than it was");
        }
        sent += n;
      }
    }
  }

  /**
   * Whether an {@code If-Range} (RFC 9110 13.1.5) still names this file: by strong ETag or the
   * exact date; an absent one always holds.
   */
  private static boolean rangeStillValid(String ifRange, String etag, String lastModified) {
    return ifRange == null || ifRange.equals(etag) || ifRange.equals(lastModified);
  }

  /**
   * A 304 for an {@code If-Modified-Since} at or after the file's time (when no ETag was asked).
   */
  private static boolean notModifiedSince(String header, java.time.Instant modified, Context ctx) {
    if (header == null || ctx.header("If-None-Match") != null) {
      return false;
    }
    try {
      java.time.Instant since =
          java.time.ZonedDateTime.parse(
                  header, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
      if (!modified.isAfter(since)) {
        Caching.notModified(ctx);
        return true;
      }
    } catch (java.time.format.DateTimeParseException e) {
      // An unreadable date is ignored, as RFC 9110 says.
    }
    return false;
  }

  /** {@code inline} with the name as it is (RFC 6266: an ASCII fallback and the UTF-8 name). */
  private static String disposition(String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "").replace("\\", "");
    String encoded =
        java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
    return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
