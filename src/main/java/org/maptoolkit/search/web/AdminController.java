package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Admin routes behind a bearer token ({@code MAP_SEARCH_ADMIN_TOKEN}): start an ingest, see its
 * progress and report, see the status of the service's jobs (the last sync of a followed site),
 * delete a record. Disabled when no token is configured; tokens are compared in constant time; a
 * token in the query string is refused (it would end up in logs and history).
 */
public final class AdminController implements Controller {
  private final AdminOperations operations;
  private final byte[] token;

  /**
   * @param token the configured token, or null to disable the admin routes
   */
  public AdminController(AdminOperations operations, String token) {
    this.operations = operations;
    this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void routes(Routes routes) {
    routes.post(
        "/api/admin/ingest",
        ctx -> {
          authorise(ctx);
          if (!operations.startIngest()) {
            throw new ApiException(ErrorCode.INGEST_RUNNING, "an ingest is already running");
          }
          ctx.status(202).json(operations.ingestStatus());
        });
    routes.get(
        "/api/admin/ingest",
        ctx -> {
          authorise(ctx);
          ctx.json(operations.ingestStatus());
        });
    routes.get(
        "/api/admin/status",
        ctx -> {
          authorise(ctx);
          ctx.json(operations.status());
        });
    routes.delete(
        "/api/admin/documents/{id}",
        ctx -> {
          authorise(ctx);
          String id = ctx.pathParam("id");
          if (!operations.delete(id)) {
            throw new ApiException(
                ErrorCode.DOCUMENT_NOT_FOUND,
                "no document with id '" + SearchParams.clip(id) + "'");
          }
          ctx.json(Map.of("deleted", id));
        });
  }

  private void authorise(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    if (token == null) {
      throw new ApiException(
          ErrorCode.ADMIN_DISABLED,
          "admin routes are disabled: set MAP_SEARCH_ADMIN_TOKEN to enable them");
    }
    if (!ctx.queryParamMap().isEmpty()) {
      throw new ApiException(
          ErrorCode.TOKEN_IN_QUERY,
          "admin routes take no query parameters; send the token in the Authorization header");
    }
    String header = ctx.header("Authorization");
    byte[] given =
        header != null && header.startsWith("Bearer ")
            ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(given, token)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(ErrorCode.UNAUTHORISED, "a valid bearer token is required");
    }
  }
}
