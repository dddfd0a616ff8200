package org.maptoolkit.search.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.search.SearchService;

/** {@code GET /api/documents/{id}} and the main document file MAP Search holds for it. */
public final class DocumentController implements Controller {
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
  public void routes(RoutesConfig routes) {
    routes.get("/api/documents/{id}", this::document);
    routes.get("/api/documents/{id}/file", this::file);
  }

  private MapDocument find(Context ctx) {
    return search.require(ctx.pathParam("id"));
  }

  private void document(Context ctx) {
    MapDocument doc = find(ctx);
    if (!Caching.notModified(ctx, search.indexVersion(), ctx.fullUrl())) {
      ctx.json(doc);
    }
  }

  private void file(Context ctx) throws IOException {
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
    String name = file.getFileName().toString();
    String type =
        name.endsWith(".pdf") ? "application/pdf" : URLConnection.guessContentTypeFromName(name);
    ctx.contentType(type == null ? "application/octet-stream" : type);
    ctx.header("Content-Disposition", "inline; filename=\"" + name.replace("\"", "") + "\"");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.result(Files.newInputStream(file));
  }
}
