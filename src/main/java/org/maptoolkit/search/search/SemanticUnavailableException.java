package org.maptoolkit.search.search;

/** A search by meaning asked for where it cannot run: no model, or an index without passages. */
public final class SemanticUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SemanticUnavailableException(String message) {
    super(message);
  }
}
