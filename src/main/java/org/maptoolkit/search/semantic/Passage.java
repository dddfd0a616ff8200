package org.maptoolkit.search.semantic;

/**
 * One piece of a record the model embeds: where it comes from and the text as embedded.
 *
 * @param section the part of the record it was cut from
 * @param page the PDF page (from 1) for {@link Section#PAGE}, 0 for the record's own text
 * @param start where the passage starts in its section's text (a character offset)
 * @param end where it ends, exclusive
 * @param text what the model embeds: the record's title, a line break, then the passage
 */
public record Passage(Section section, int page, int start, int end, String text) {
  /** The part of a record a passage comes from. */
  public enum Section {
    /** The record's summary. */
    SUMMARY(1),
    /** Its own text: key features, impact and the page text, in that order. */
    BODY(2),
    /** A page of its main document. */
    PAGE(3);

    private final int code;

    Section(int code) {
      this.code = code;
    }

    /** The number the index keeps for this section (fixed, whatever the order here). */
    public int code() {
      return code;
    }

    /** The section with index number {@code code}. */
    public static Section of(long code) {
      for (Section s : values()) {
        if (s.code == code) {
          return s;
        }
      }
      throw new IllegalArgumentException("no passage section numbered " + code);
    }
  }
}
