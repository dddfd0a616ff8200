package org.maptoolkit.search.document;

/**
 * A page's main document: where it lives ({@code href} as written, {@code location} as resolved: a
 * URL or a path inside the source) and what was extracted from it; {@code extraction} is null when
 * it was not read (e.g. an external web page the ingest was told not to fetch).
 */
public record LinkedDocument(String label, String href, String location, Extraction extraction) {

  /** The same link with another extraction. */
  public LinkedDocument withExtraction(Extraction other) {
    return new LinkedDocument(label, href, location, other);
  }

  /** True when the document is a file inside the source that the service can serve itself. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isLocal() {
    return location != null && !location.contains("://");
  }
}
