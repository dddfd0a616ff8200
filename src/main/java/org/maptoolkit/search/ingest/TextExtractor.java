package org.maptoolkit.search.ingest;

import java.nio.file.Path;
import org.maptoolkit.search.document.Extraction;

/** Extracts the text of a document file, page by page, never throwing for a bad file. */
public interface TextExtractor extends AutoCloseable {

  /**
   * Extracts {@code file}'s text; a file that cannot be read gives a {@code FAILED} extraction with
   * the reason, never an exception.
   *
   * @param nameHint the file name as linked, to help type detection
   */
  Extraction extract(Path file, String nameHint);

  @Override
  default void close() {}
}
