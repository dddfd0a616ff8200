package org.maptoolkit.search.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The text extracted from a linked main document, page by page where the format has pages, with how
 * complete it is.
 */
public record Extraction(
    Status status,
    String reason,
    String contentType,
    String title,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<String> pages,
    long characters) {

  /** How much of a document's text the extraction got. */
  public enum Status {
    /** All text was extracted. */
    FULL,
    /** Some text was extracted; {@code reason} says why not all (e.g. a character cap). */
    PARTIAL,
    /** The document was read but holds no text (e.g. a scan without OCR). */
    NO_TEXT,
    /** The document could not be read; {@code reason} says why. */
    FAILED;

    /** The value used in JSON: {@code full}, {@code partial}, {@code no-text}, {@code failed}. */
    @JsonValue
    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    static Status fromValue(String value) {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  public Extraction {
    pages = pages == null ? List.of() : List.copyOf(pages);
  }

  /** The same facts without the text, as the index stores them beside the text's own fields. */
  public Extraction withoutText() {
    return new Extraction(status, reason, contentType, title, List.of(), characters);
  }

  public static Extraction failed(String reason) {
    return new Extraction(Status.FAILED, reason, null, null, List.of(), 0);
  }

  /** All pages' text joined, for callers that do not care about pages. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String text() {
    return String.join("\n\n", pages);
  }
}
