package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where content comes from: a folder, a WordPress export, a JSON Lines file. */
public interface Source {
  /** A short description for reports and commit data. */
  String name();

  /** Everything the source offers, in a stable order. */
  List<SourceItem> items() throws IOException;

  /** The file inside the source that {@code href}, written in {@code item}, points to. */
  default Optional<Path> resolveFile(SourceItem item, String href) {
    return Optional.empty();
  }

  /** The id of the source's page that {@code href}, written in {@code item}, points to. */
  default Optional<String> resolvePage(SourceItem item, String href) {
    return Optional.empty();
  }

  /**
   * Opens the right source for a path: a folder, a {@code .xml} WordPress export, or JSON Lines.
   */
  static Source open(Path path) throws IOException {
    String name =
        path.getFileName() == null
            ? ""
            : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (java.nio.file.Files.isDirectory(path)) {
      return new FolderSource(path);
    }
    if (!java.nio.file.Files.isRegularFile(path)) {
      throw new IOException("no such folder or file: " + path);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".jsonl.gz")) {
      return new JsonLinesSource(path);
    }
    if (name.endsWith(".xml") || name.endsWith(".wxr")) {
      return new WordPressSource(path);
    }
    throw new IOException(
        "cannot tell what kind of source "
            + path
            + " is: give a folder, a WordPress export (.xml)"
            + " or JSON Lines (.jsonl)");
  }
}
