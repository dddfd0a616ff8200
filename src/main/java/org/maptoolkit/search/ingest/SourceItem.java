package org.maptoolkit.search.ingest;

import java.nio.file.Path;
import org.maptoolkit.search.document.MapDocument;

/** One thing a source offers for indexing, in one of the shapes the pipeline knows. */
public sealed interface SourceItem {
  /** Stable id, unique in the source (and used as the URL path segment). */
  String id();

  /** Where it came from, for reports: a path inside the source, or a URL. */
  String origin();

  /** An HTML page of the toolkit in a file; its relative links resolve inside the source. */
  record PageFile(String id, String origin, Path file) implements SourceItem {}

  /** A document file no page links to as its main document: indexed on its own. */
  record DocumentFile(String id, String origin, Path file) implements SourceItem {}

  /**
   * A page whose HTML came from an export or a site (e.g. WordPress), with the post's metadata;
   * {@code fingerprint} identifies this version of it (a hash of its content, or the version the
   * site gives, such as its modification time).
   */
  record HtmlPage(String id, String origin, String html, String fingerprint)
      implements SourceItem {}

  /**
   * A page of a live site known by its version alone: {@code fingerprint} is what an {@link
   * HtmlPage} of the same version would carry, so an unchanged page is recognised without
   * downloading it; {@code html} downloads it, only when its record must be built again.
   */
  record RemotePage(String id, String origin, String fingerprint, Download html)
      implements SourceItem {}

  /** Downloads a remote page's HTML. */
  @FunctionalInterface
  interface Download {
    String html() throws java.io.IOException;
  }

  /** A ready record (e.g. a JSON Lines bulk import); {@code fingerprint} identifies its content. */
  record ReadyRecord(MapDocument document, String fingerprint) implements SourceItem {
    @Override
    public String id() {
      return document.id();
    }

    @Override
    public String origin() {
      return document.origin();
    }
  }

  /** Something the source holds but must not index (e.g. a password-protected post). */
  record Skipped(String id, String origin, String reason) implements SourceItem {}

  /** Something the source holds that cannot be read (e.g. a malformed line); counted as failed. */
  record Invalid(String id, String origin, String reason) implements SourceItem {}
}
