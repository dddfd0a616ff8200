package org.maptoolkit.search.search;

/** A paging cursor that is malformed or belongs to an earlier index state. */
public final class InvalidCursorException extends IllegalArgumentException {
  public InvalidCursorException(String message) {
    super(message);
  }
}
