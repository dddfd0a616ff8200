package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where content comes from: a folder, a WordPress export, a JSON Lines file, a live WordPress site.
 * Closing it releases what it holds open (a site's connections); files hold nothing.
 */
public interface Source extends AutoCloseable {
  /** A short description for reports and commit data. */
  String name();

  /** Everything the source offers, in a stable order. */
  List<SourceItem> items() throws IOException;

  /**
   * Everything the source offers, knowing what the index holds: a source that can tell cheaply
   * which items changed (a live site, by modification times) downloads only those, and offers the
   * others as {@link SourceItem.RemotePage}s. Files are read as by {@link #items()}.
   *
   * @throws IOException when the source cannot be listed; nothing may be deleted then
   */
  default List<SourceItem> items(Indexed indexed) throws IOException {
    return items();
  }

  /** What the index holds, as a source may ask before it downloads anything. */
  interface Indexed {
    /** Whether the index holds {@code id} built from the version {@code fingerprint} names. */
    boolean holds(String id, String fingerprint);

    /** The id of every record in the index. */
    java.util.Set<String> ids();

    /** An empty index. */
    Indexed NONE =
        new Indexed() {
          @Override
          public boolean holds(String id, String fingerprint) {
            return false;
          }

          @Override
          public java.util.Set<String> ids() {
            return java.util.Set.of();
          }
        };
  }

  /**
   * What the source has to say about the run (e.g. how many requests a site took); may be empty.
   */
  default List<String> notes() {
    return List.of();
  }

  @Override
  default void close() {}

  /** The file inside the source that {@code href}, written in {@code item}, points to. */
  default Optional<Path> resolveFile(SourceItem item, String href) {
    return Optional.empty();
  }

  /** The id of the source's page that {@code href}, written in {@code item}, points to. */
  default Optional<String> resolvePage(SourceItem item, String href) {
    return Optional.empty();
  }

  /**
   * Opens the source at {@code location}: a path as {@link #open(Path)} does, or a live WordPress
   * site read through its REST API as {@code site} says.
   */
  static Source open(SourceLocation location, SiteSettings site) throws IOException {
    return switch (location) {
      case SourceLocation.Local local -> open(local.path());
      case SourceLocation.Site s -> new WordPressSiteSource(s.url(), site);
    };
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
