package org.maptoolkit.search.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty raises before a request reaches the routes (a malformed URI, a URI or headers
 * too long) get the same JSON error body as everything else, never Jetty's HTML page or a stack.
 */
final class JsonErrorHandler extends ErrorHandler {
  /** The body for every method: Jetty's own choice leaves it out for PUT, DELETE, PATCH... */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      String message,
      Throwable cause,
      Callback callback) {
    ErrorCode code =
        switch (status) {
          case 414 -> ErrorCode.URI_TOO_LONG;
          case 431 -> ErrorCode.HEADERS_TOO_LARGE;
          case 404 -> ErrorCode.ROUTE_NOT_FOUND;
          case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
          default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.MALFORMED_REQUEST;
        };
    String text =
        switch (code) {
          case URI_TOO_LONG -> "the request URI is too long";
          case HEADERS_TOO_LARGE -> "the request headers are too large";
          case INTERNAL -> "internal error; it has been logged";
          default -> "the request is malformed";
        };
    String body =
        "{\"message\":\""
            + text
            + "\",\"code\":\""
            + code.code()
            + "\",\"type\":\""
            + code.type().value()
            + "\"}";
    response.setStatus(code.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    // Like every other error: never stored (a 414 is otherwise heuristically cacheable).
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
