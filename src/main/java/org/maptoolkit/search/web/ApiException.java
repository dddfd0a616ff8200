package org.maptoolkit.search.web;

/** A request the API refuses, with the code that tells the client why. */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;

  public ApiException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
