package org.maptoolkit.search.ingest;

import java.util.List;
import java.util.Map;
import org.maptoolkit.search.document.DocType;

/**
 * What the HTML structure of one toolkit page says, before any field is interpreted.
 *
 * @param sections the labelled parts found, in page order of first appearance
 * @param links every link in the content, in order
 * @param text the readable text of the whole content
 * @param postDate the WordPress post date ({@code time.entry-date[datetime]}), or null
 */
public record ParsedPage(
    DocType type,
    boolean passwordProtected,
    String title,
    String canonicalUrl,
    Map<Label, Section> sections,
    List<Link> links,
    String text,
    String postDate) {

  /** A labelled part: its text as one string, its list items (or paragraphs), its links. */
  public record Section(String text, List<String> items, List<Link> links) {}

  /** A hyperlink as written in the page. */
  public record Link(String href, String text) {}

  /** The text of a labelled part, or null when the page lacks it. */
  public String get(Label label) {
    Section s = sections.get(label);
    return s == null || s.text().isBlank() ? null : s.text();
  }
}
