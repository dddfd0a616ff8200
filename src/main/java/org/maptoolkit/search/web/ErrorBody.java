package org.maptoolkit.search.web;

/** The one JSON error body. */
public record ErrorBody(String message, String code, String type) {
  static ErrorBody of(ErrorCode code, String message) {
    return new ErrorBody(message, code.code(), code.type().value());
  }
}
