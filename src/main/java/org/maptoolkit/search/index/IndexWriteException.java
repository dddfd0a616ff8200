package org.maptoolkit.search.index;

/**
 * Writing to the index failed (disk full, folder gone, I/O error): the whole ingest stops, nothing
 * since the last commit is kept, and the message says why in words fit for the user.
 */
public final class IndexWriteException extends RuntimeException {
  public IndexWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
