package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of toolkit pages (HTML) and the documents they link to. HTML files are pages unless a
 * page links to them as its main document; other files that no page links to are indexed as
 * standalone documents.
 */
public final class FolderSource implements Source {
  // Matched against a lower-cased copy of the page: a case-insensitive pattern cannot skip ahead
  // to its literal and was the cost of listing a large folder. Latin-1 lower-casing keeps every
  // position, so the link itself is cut from the original text.
  private static final Pattern HREF = Pattern.compile("href\\s*=\\s*[\"']([^\"'#]+)");

  private final Path root;

  public FolderSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public String name() {
    return root.toString();
  }

  @Override
  public Optional<Path> resolveFile(SourceItem item, String href) {
    return item instanceof SourceItem.PageFile page ? resolve(page.file(), href) : Optional.empty();
  }

  @Override
  public Optional<String> resolvePage(SourceItem item, String href) {
    return resolveFile(item, href).filter(FolderSource::isHtml).map(p -> idOf(relative(p), true));
  }

  /** The items to index, pages first, in a stable order. */
  @Override
  public List<SourceItem> items() throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("not a folder: " + root);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> !isHidden(root.relativize(f)))
              .sorted()
              .toList();
    }
    // Classified without parsing, so that listing stays cheap on large folders: an HTML file is
    // a toolkit page when it has the site's article markup; any other file that a page links to
    // belongs to that page; the rest are indexed on their own.
    // Read on every core: on a large folder this listing is most of an unchanged re-run.
    Set<Path> pages = ConcurrentHashMap.newKeySet();
    Set<Path> linked = ConcurrentHashMap.newKeySet();
    try {
      files.parallelStream()
          .filter(FolderSource::isHtml)
          .forEach(
              f -> {
                try {
                  String html = Files.readString(f, StandardCharsets.ISO_8859_1);
                  if (isToolkitPage(html)) {
                    pages.add(f);
                    Matcher m = HREF.matcher(html.toLowerCase(Locale.ROOT));
                    while (m.find()) {
                      String href = html.substring(m.start(1), m.end(1));
                      // The page was read byte for byte; a link with letters outside ASCII is
                      // read again as the UTF-8 the site's pages are written in.
                      String utf8 =
                          new String(
                              href.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                      resolve(f, utf8.indexOf('\uFFFD') < 0 ? utf8 : href).ifPresent(linked::add);
                    }
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<SourceItem> items = new ArrayList<>();
    for (Path f : files) {
      if (pages.contains(f)) {
        items.add(item(f, true));
      } else if (!linked.contains(f) && !isNote(f)) {
        items.add(item(f, false));
      }
    }
    // Pages first: they are what users search for, so they are committed first.
    items.sort(
        (a, b) ->
            Boolean.compare(b instanceof SourceItem.PageFile, a instanceof SourceItem.PageFile));
    return items;
  }

  private SourceItem item(Path file, boolean page) {
    String rel = relative(file);
    return page
        ? new SourceItem.PageFile(idOf(rel, true), rel, file)
        : new SourceItem.DocumentFile(idOf(rel, false), rel, file);
  }

  /**
   * The id of an item at {@code relativePath}: folders joined with ':' so that an id is one URL
   * path segment ({@code drivers:long-term-plan}); pages drop their .html, documents keep theirs.
   */
  public static String idOf(String relativePath, boolean page) {
    return org.maptoolkit.search.document.Ids.ofPath(relativePath, page);
  }

  /** The path of {@code file} inside the source, with forward slashes. */
  public String relative(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /**
   * Resolves a link written in {@code page} to a file inside this folder; empty for URLs, fragments
   * and anything outside the folder (a link cannot read files elsewhere).
   */
  public Optional<Path> resolve(Path page, String href) {
    if (href == null
        || href.isBlank()
        || href.startsWith("#")
        || href.contains("://")
        || href.startsWith("mailto:")
        || href.startsWith("//")) {
      return Optional.empty();
    }
    String path;
    try {
      path =
          URLDecoder.decode(
              href.replaceFirst("[#?].*$", "").replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (path.isEmpty() || path.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    Path target =
        (path.startsWith("/") ? root.resolve(path.substring(1)) : page.getParent().resolve(path))
            .toAbsolutePath()
            .normalize();
    if (!target.startsWith(root) || !Files.isRegularFile(target)) {
      return Optional.empty();
    }
    return Optional.of(target);
  }

  /** The site's pages are WordPress articles; a plain HTML document has no such markup. */
  static boolean isToolkitPage(String html) {
    return html.contains("entry-content") || html.contains("<article") || html.contains("<ARTICLE");
  }

  static boolean isHtml(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".html") || n.endsWith(".htm");
  }

  private static boolean isNote(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.startsWith("readme") || n.endsWith(".md") || n.equals(".gitkeep");
  }

  private static boolean isHidden(Path rel) {
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
