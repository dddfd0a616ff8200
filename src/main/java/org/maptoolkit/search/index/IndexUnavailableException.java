package org.maptoolkit.search.index;

/** The index folder cannot be used; the message says why in words fit for the user. */
public final class IndexUnavailableException extends RuntimeException {
  public IndexUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
