package org.maptoolkit.search.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: routes, error mapping and static files. Controllers only translate HTTP. */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;
  private final SearchService search;
  private final IndexStore store;
  private final Path sourceRoot;

  /**
   * @param sourceRoot the folder the index was built from, for serving main documents; may be null
   */
  public ApiServer(SearchService search, IndexStore store, Path sourceRoot) {
    this.search = search;
    this.store = store;
    this.sourceRoot = sourceRoot == null ? null : sourceRoot.toAbsolutePath().normalize();
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(Json.mapper(), false));
              config.staticFiles.add("/web", io.javalin.http.staticfiles.Location.CLASSPATH);
              config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
              config.routes.get("/ready", this::ready);
              config.routes.get("/api/search", this::search);
              config.routes.get("/api/documents/{id}", this::document);
              config.routes.get("/api/documents/{id}/file", this::file);
              config.routes.exception(ApiException.class, this::apiError);
              config.routes.exception(Exception.class, this::internalError);
              config.routes.error(404, this::notFound);
            });
  }

  /** Starts on {@code host:port} (port 0 picks a free one); returns the port bound. */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  private void ready(Context ctx) {
    IndexStore.Stats stats = store.stats();
    ctx.json(Map.of("status", "ready", "documents", stats.documents(), "indexVersion", stats.version()));
  }

  private void search(Context ctx) {
    var request = SearchParams.parse(ctx.queryParamMap());
    SearchResult result = search.search(request);
    ctx.json(ApiJson.of(request.query(), result));
  }

  private void document(Context ctx) {
    String id = ctx.pathParam("id");
    MapDocument doc =
        search
            .document(id)
            .orElseThrow(() -> new ApiException(ErrorCode.DOCUMENT_NOT_FOUND, "no document with id '" + SearchParams.clip(id) + "'"));
    ctx.json(doc);
  }

  private void file(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    MapDocument doc =
        search
            .document(id)
            .orElseThrow(() -> new ApiException(ErrorCode.DOCUMENT_NOT_FOUND, "no document with id '" + SearchParams.clip(id) + "'"));
    var main = doc.mainDocument();
    if (main == null || !main.isLocal() || sourceRoot == null) {
      throw new ApiException(ErrorCode.FILE_NOT_FOUND, "document '" + SearchParams.clip(id) + "' has no file held by MAP Search");
    }
    Path file = sourceRoot.resolve(main.location()).normalize();
    if (!file.startsWith(sourceRoot) || !Files.isRegularFile(file)) {
      throw new ApiException(ErrorCode.FILE_NOT_FOUND, "the file of document '" + SearchParams.clip(id) + "' is no longer there");
    }
    String type = URLConnection.guessContentTypeFromName(file.getFileName().toString());
    if (file.toString().endsWith(".pdf")) {
      type = "application/pdf";
    }
    ctx.contentType(type == null ? "application/octet-stream" : type);
    ctx.header("Content-Disposition", "inline; filename=\"" + file.getFileName() + "\"");
    ctx.header("X-Content-Type-Options", "nosniff");
    InputStream in = Files.newInputStream(file);
    ctx.result(in);
  }

  private void apiError(ApiException e, Context ctx) {
    ctx.status(e.code().status()).json(ErrorBody.of(e.code(), e.getMessage()));
  }

  private void internalError(Exception e, Context ctx) {
    // The cause is logged here, never sent: a 500 must not leak internals.
    LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .json(ErrorBody.of(ErrorCode.INTERNAL, "internal error; it has been logged"));
  }

  private void notFound(Context ctx) {
    if (ctx.resultInputStream() != null) {
      return;
    }
    ctx.json(ErrorBody.of(ErrorCode.ROUTE_NOT_FOUND, "no such route: " + ctx.method() + " " + SearchParams.clip(ctx.path())));
  }

  @Override
  public void close() {
    app.stop();
  }
}
