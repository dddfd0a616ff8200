package org.maptoolkit.search.search;

/** No record in the index has the id asked for. */
public final class DocumentNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String id;

  public DocumentNotFoundException(String id) {
    super("no document with id '" + clip(id) + "'");
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Echoes at most a little of an id, so messages stay short and safe. */
  private static String clip(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }
}
