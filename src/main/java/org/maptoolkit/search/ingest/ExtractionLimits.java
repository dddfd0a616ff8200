package org.maptoolkit.search.ingest;

import java.time.Duration;

/**
 * Bounds on one document's extraction: wall time, characters kept, file size read.
 *
 * @param timeout how long one document may take before it is abandoned as failed
 * @param maxCharacters how many characters of text are kept (the rest is reported as truncated)
 * @param maxBytes files larger than this are not parsed
 */
public record ExtractionLimits(Duration timeout, int maxCharacters, long maxBytes) {
  public static final ExtractionLimits DEFAULT =
      new ExtractionLimits(Duration.ofSeconds(60), 2_000_000, 100L * 1024 * 1024);

  public ExtractionLimits {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("extraction timeout must be positive");
    }
    if (maxCharacters < 1000) {
      throw new IllegalArgumentException("maxCharacters must be at least 1000");
    }
  }
}
