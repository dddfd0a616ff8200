package org.maptoolkit.search.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where a source is, as a user names it: a path on disk, or the address of a WordPress site. */
public sealed interface SourceLocation {
  /** A folder, a WordPress export or a JSON Lines file. */
  record Local(Path path) implements SourceLocation {
    @Override
    public String toString() {
      return path.toString();
    }
  }

  /** A live WordPress site, read through its REST API. */
  record Site(URI url) implements SourceLocation {
    @Override
    public String toString() {
      return url.toString();
    }
  }

  /** Something that looks like an address (a scheme and {@code //}) rather than a path. */
  Pattern ADDRESS = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

  /**
   * Reads what the user wrote: an {@code http(s)://} address is a site, anything else a path.
   *
   * @throws IllegalArgumentException with a message for the user, for an address that cannot be a
   *     site (another scheme, no host, spaces, a query or fragment)
   */
  static SourceLocation parse(String text) {
    String given = text == null ? "" : text.strip();
    if (given.isEmpty()) {
      throw new IllegalArgumentException("an empty source: give a folder, a file or a site URL");
    }
    if (!ADDRESS.matcher(given).matches()) {
      return new Local(Path.of(given));
    }
    return new Site(siteUrl(given));
  }

  /** The site's address, checked: http or https, a host, nothing after the path. */
  static URI siteUrl(String given) {
    URI uri;
    try {
      uri = new URI(given);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + given + "' is not a valid URL: " + e.getReason(), e);
    }
    if (uri.getScheme() == null) {
      throw new IllegalArgumentException(
          "'" + given + "' is not a site's address: give it with http:// or https://");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "'" + given + "': only http and https sites can be read (got " + scheme + ":)");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("'" + given + "' has no host name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "'"
              + given
              + "': give the site's home address, without a query, fragment or user name"
              + " (e.g. https://toolkit.example.org/)");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }
}
