package org.maptoolkit.search.document;

/** Plain-text helpers shared by ingest and search: the one way to shorten a text for display. */
public final class Texts {
  private Texts() {}

  /**
   * The start of {@code text} with runs of white space made single, at most {@code max} characters,
   * cut at a space when one is near and marked with " …" when cut. Text without spaces (Chinese, a
   * line of links) is cut at {@code max}, never between a surrogate pair.
   */
  public static String lead(String text, int max) {
    if (text == null) {
      return "";
    }
    String t = text.strip().replaceAll("\\s+", " ");
    if (t.length() <= max) {
      return t;
    }
    int cut = t.lastIndexOf(' ', max);
    if (cut < max / 2) {
      cut = Character.isLowSurrogate(t.charAt(max)) ? max - 1 : max;
    }
    return t.substring(0, cut).strip() + " …";
  }
}
