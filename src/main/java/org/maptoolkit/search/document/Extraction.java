package org.maptoolkit.search.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The text extracted from a document, page by page where the format has pages, with how complete
 * and how readable it is and what the file says about itself.
 *
 * @param reason why the text is not complete, or how it was read (OCR); null when there is nothing
 *     to say
 * @param title the document's own title: a plausible metadata title, else its first heading or
 *     first line; null when it has none (the file name is then used)
 * @param pages the text of each page (one value for formats without pages)
 * @param language the main language of the text (ISO 639-1), or null when it cannot be told
 * @param created when the file says it was created, or null
 * @param modified when the file says it was last modified, or null
 * @param ocrPages how many pages' text was read by OCR
 */
public record Extraction(
    Status status,
    String reason,
    String contentType,
    String title,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> pages,
    long characters,
    String language,
    LocalDate created,
    LocalDate modified,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int ocrPages) {

  /** How much of a document's text the extraction got. */
  public enum Status {
    /** All text was extracted. */
    FULL,
    /** Some text was extracted; {@code reason} says what is missing. */
    PARTIAL,
    /** The document was read but holds no text (e.g. a scan without OCR). */
    NO_TEXT,
    /** The document could not be read; {@code reason} says why. */
    FAILED;

    /** The value used in JSON: {@code full}, {@code partial}, {@code no-text}, {@code failed}. */
    @JsonValue
    public String value() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    static Status fromValue(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  public Extraction {
    pages = pages == null ? List.of() : List.copyOf(pages);
  }

  /** An extraction with its status, reason, type, title and pages; nothing else known. */
  public Extraction(
      Status status,
      String reason,
      String contentType,
      String title,
      List<String> pages,
      long characters) {
    this(status, reason, contentType, title, pages, characters, null, null, null, 0);
  }

  /** The same facts without the text, as the index stores them beside the text's own fields. */
  public Extraction withoutText() {
    return new Extraction(
        status,
        reason,
        contentType,
        title,
        List.of(),
        characters,
        language,
        created,
        modified,
        ocrPages);
  }

  public static Extraction failed(String reason) {
    return new Extraction(Status.FAILED, reason, null, null, List.of(), 0);
  }

  /** All pages' text joined, for callers that do not care about pages. */
  @JsonIgnore
  public String text() {
    return String.join("\n\n", pages);
  }
}
