package org.maptoolkit.search.web;

import java.util.Locale;

/**
 * Every error the API returns, with its HTTP status and type: the one table from codes to status.
 * The JSON body is always {@code {"message","code","type"}}.
 */
public enum ErrorCode {
  UNKNOWN_PARAMETER(400, Type.INVALID_REQUEST),
  INVALID_PAGE(400, Type.INVALID_REQUEST),
  INVALID_SIZE(400, Type.INVALID_REQUEST),
  PAGE_OUT_OF_RANGE(400, Type.INVALID_REQUEST),
  INVALID_CURSOR(400, Type.INVALID_REQUEST),
  INVALID_SORT(400, Type.INVALID_REQUEST),
  INVALID_MODE(400, Type.INVALID_REQUEST),
  INVALID_FILTER(400, Type.INVALID_REQUEST),
  INVALID_FLAG(400, Type.INVALID_REQUEST),
  INVALID_DATE(400, Type.INVALID_REQUEST),
  INVALID_LIMIT(400, Type.INVALID_REQUEST),
  INVALID_FORMAT(400, Type.INVALID_REQUEST),
  QUERY_TOO_LONG(400, Type.INVALID_REQUEST),
  TOO_MANY_CLAUSES(400, Type.INVALID_REQUEST),
  LEADING_WILDCARD(400, Type.INVALID_REQUEST),
  INVALID_BODY(400, Type.INVALID_REQUEST),
  MALFORMED_REQUEST(400, Type.INVALID_REQUEST),
  INVALID_ENCODING(400, Type.INVALID_REQUEST),
  URI_TOO_LONG(414, Type.INVALID_REQUEST),
  HEADERS_TOO_LARGE(431, Type.INVALID_REQUEST),
  DOCUMENT_NOT_FOUND(404, Type.NOT_FOUND),
  FILE_NOT_FOUND(404, Type.NOT_FOUND),
  ROUTE_NOT_FOUND(404, Type.NOT_FOUND),
  METHOD_NOT_ALLOWED(405, Type.INVALID_REQUEST),
  RANGE_NOT_SATISFIABLE(416, Type.INVALID_REQUEST),
  RATE_LIMITED(429, Type.INVALID_REQUEST),
  CORS_REFUSED(403, Type.AUTH),
  UNAUTHORISED(401, Type.AUTH),
  TOKEN_IN_QUERY(400, Type.AUTH),
  ADMIN_DISABLED(403, Type.AUTH),
  INGEST_RUNNING(409, Type.INVALID_REQUEST),
  INDEX_UNAVAILABLE(503, Type.SYSTEM),
  SEMANTIC_UNAVAILABLE(503, Type.SYSTEM),
  INTERNAL(500, Type.INTERNAL);

  /** Broad kinds of error, as Meilisearch groups them. */
  public enum Type {
    INVALID_REQUEST,
    NOT_FOUND,
    AUTH,
    SYSTEM,
    INTERNAL;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final int status;
  private final Type type;

  ErrorCode(int status, Type type) {
    this.status = status;
    this.type = type;
  }

  public int status() {
    return status;
  }

  public Type type() {
    return type;
  }

  /** The code as it appears in JSON, e.g. {@code invalid_size}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
