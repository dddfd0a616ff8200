package org.maptoolkit.search.document;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Record ids: stable (the same item always gets the same id) and safe as one segment of a URL path,
 * so that no link needs them encoded. A name made only of letters, digits and {@code . _ ~ -} is
 * kept as it is; any other (spaces, {@code #}, {@code ?}, {@code %}, letters outside ASCII) is
 * written with its unsafe characters as hyphens and a short hash of the original, so that two names
 * never share an id.
 */
public final class Ids {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~-]+");
  private static final Pattern UNSAFE_RUN = Pattern.compile("[^A-Za-z0-9._~-]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private Ids() {}

  /**
   * The id of the item at {@code relativePath} in a folder: its folders and name joined with {@code
   * :} ({@code drivers:long-term-plan}); a page drops its {@code .html}, a document keeps its
   * extension.
   */
  public static String ofPath(String relativePath, boolean page) {
    String p = page ? relativePath.replaceFirst("(?i)\\.html?$", "") : relativePath;
    StringBuilder id = new StringBuilder();
    for (String part : p.split("/")) {
      if (!part.isEmpty()) {
        id.append(id.isEmpty() ? "" : ":").append(segment(part));
      }
    }
    return id.toString();
  }

  /** An id given by a source ({@code drivers:x}, a bulk import's key), each part made safe. */
  public static String of(String given) {
    StringBuilder id = new StringBuilder();
    for (String part : given.split(":", -1)) {
      id.append(id.isEmpty() ? "" : ":").append(part.isEmpty() ? "" : segment(part));
    }
    return id.toString();
  }

  /** One part of an id, safe as it is or made safe with a hash of what it was. */
  public static String segment(String name) {
    if (SAFE.matcher(name).matches()) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 && SAFE.matcher(name.substring(dot)).matches() ? name.substring(dot) : "";
    String stem = ext.isEmpty() ? name : name.substring(0, dot);
    // Accents dropped rather than lost: "Café" reads as "Cafe".
    String ascii = MARKS.matcher(Normalizer.normalize(stem, Normalizer.Form.NFKD)).replaceAll("");
    String slug = UNSAFE_RUN.matcher(ascii).replaceAll("-").replaceAll("^-+|-+$", "");
    String hash = ContentHash.of(name).substring(0, 8);
    return (slug.isEmpty() ? "item" : slug.toLowerCase(Locale.ROOT)) + "-" + hash + ext;
  }
}
