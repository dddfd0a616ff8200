package org.maptoolkit.search.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What kind of toolkit content a document is; the facet value is the lower-case name. */
public enum DocType {
  DRIVER("Driver"),
  STORY("MAP Story"),
  NEWS("News"),
  MEETING("Meeting notes"),
  DOCUMENT("Document");

  private final String label;

  DocType(String label) {
    this.label = label;
  }

  /** The name people read: {@code MAP Story} for {@code story}. */
  public String label() {
    return label;
  }

  /** The value used in the API and the facet. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static DocType fromValue(String value) {
    return parse(value).orElseThrow(() -> new IllegalArgumentException("no type " + value));
  }

  /** Parses an API value such as {@code driver}; empty when it names no type. */
  public static Optional<DocType> parse(String value) {
    for (DocType type : values()) {
      if (type.value().equalsIgnoreCase(value.strip())) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
