package org.maptoolkit.search.search;

import java.util.List;

/**
 * The passage of a record that best shows why it matched, as plain text in parts, each marked as a
 * match of the query or not: the web layer renders it as HTML, the command line with asterisks, an
 * export as text. Nothing here is HTML.
 *
 * @param parts the passage in order; matched words are parts of their own
 * @param field the record's field it comes from ({@code summary}, {@code doc}...)
 * @param page the PDF page it is on (1-based), or null when not from a PDF
 * @param cutBefore whether the passage starts inside its text (shown with a leading "…")
 * @param cutAfter whether the text goes on after the passage
 * @param distinctTerms how many different query terms it matched, to choose among fields
 */
public record Snippet(
    List<Part> parts,
    String field,
    Integer page,
    boolean cutBefore,
    boolean cutAfter,
    int distinctTerms) {

  /** A run of text, a match of the query or not. */
  public record Part(String text, boolean match) {}

  public Snippet {
    parts = List.copyOf(parts);
  }

  /** The passage as plain text, with "…" where it was cut. */
  public String text() {
    StringBuilder out = new StringBuilder(cutBefore ? "… " : "");
    parts.forEach(p -> out.append(p.text()));
    return out.append(cutAfter ? " …" : "").toString();
  }

  /** The same passage said to come from another page (or none). */
  Snippet onPage(Integer other) {
    return new Snippet(parts, field, other, cutBefore, cutAfter, distinctTerms);
  }

  /** A passage with no match: the start of a text, for records found without query words. */
  static Snippet lead(String text, String field) {
    String lead = org.maptoolkit.search.document.Texts.lead(text, 240);
    boolean cut = lead.endsWith(" …");
    String body = cut ? lead.substring(0, lead.length() - 2) : lead;
    return new Snippet(List.of(new Part(body, false)), field, null, false, cut, 0);
  }
}
