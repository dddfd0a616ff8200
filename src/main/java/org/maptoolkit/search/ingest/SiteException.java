package org.maptoolkit.search.ingest;

import java.io.IOException;

/**
 * A site could not give what was asked: with the HTTP status it answered (0 when it could not be
 * reached or its answer could not be read), so a caller can tell "not here" from "not now".
 */
public final class SiteException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public SiteException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the last answer, or 0. */
  public int status() {
    return status;
  }
}
