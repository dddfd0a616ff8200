package org.maptoolkit.search.search;

/** A query that would expand to more terms than a search may hold (e.g. a wide wildcard). */
public final class QueryTooComplexException extends RuntimeException {
  public QueryTooComplexException(String message) {
    super(message);
  }
}
