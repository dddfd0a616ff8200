package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a page's record was built from, stored with the record so that a re-run can tell an
 * unchanged page without parsing it: the page's hash, its main document's hash (or why there is
 * none), the link as written, and the page file's size and modification time.
 */
record Stamp(String pageHash, String linkedHash, String href, String stat) {
  /** The stat part of a stamp for a page that is not a file (a WordPress post). */
  static final String NO_STAT = "-";

  private static final Pattern STAT = Pattern.compile("(s\\d+m-?\\d+|-)(?: (.*))?", Pattern.DOTALL);

  /** The stamp as stored, or null when {@code stored} is not a page's stamp. */
  static Stamp parse(String stored) {
    if (stored == null) {
      return null;
    }
    String[] parts = stored.split(" ", 3);
    if (parts.length != 3) {
      return null;
    }
    Matcher m = STAT.matcher(parts[2]);
    if (!m.matches()) {
      // A stamp from before file stats were kept: its page is hashed once more.
      return new Stamp(parts[0], parts[1], parts[2], NO_STAT);
    }
    return new Stamp(parts[0], parts[1], m.group(2) == null ? "" : m.group(2), m.group(1));
  }

  /** A file's size and modification time, as a stamp records them. */
  static String stat(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return "s" + a.size() + "m" + a.lastModifiedTime().toMillis();
  }

  /** Built from the same bytes, whatever the file's size and time say. */
  boolean sameContent(Stamp other) {
    return pageHash.equals(other.pageHash)
        && linkedHash.equals(other.linkedHash)
        && href.equals(other.href);
  }

  @Override
  public String toString() {
    return pageHash + " " + linkedHash + " " + stat + " " + href;
  }
}
