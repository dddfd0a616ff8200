package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.maptoolkit.search.document.ContentHash;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.LinkedDocument;

/**
 * A page's main document: found from its "Link to main document" part, read from the source when
 * linked by a relative path or fetched when linked by URL, and extracted; with the hash a stamp
 * records of it.
 */
final class MainDocuments {
  private final TextExtractor extractor;
  private final HttpFetcher fetcher;

  /**
   * Main documents of pages.
   *
   * @param fetcher fetches documents linked by URL; null to record such links unfetched
   */
  MainDocuments(TextExtractor extractor, HttpFetcher fetcher) {
    this.extractor = extractor;
    this.fetcher = fetcher;
  }

  /** Where a page's main document link leads, found before anything is extracted. */
  record Located(ParsedPage.Link link, Path localFile, HttpFetcher.Fetched fetched) {}

  /** The page's main document link: the first link of its "Link to main document" part. */
  static ParsedPage.Link link(ParsedPage page) {
    ParsedPage.Section section = page.sections().get(Label.LINK);
    if (section == null || section.links().isEmpty()) {
      return null;
    }
    return section.links().getFirst();
  }

  /**
   * Finds (and fetches, for a URL) the document {@code href}, written in {@code item}, points to.
   */
  Located locate(Source source, SourceItem item, ParsedPage.Link link) throws IOException {
    if (link == null) {
      return new Located(null, null, null);
    }
    Path local = source.resolveFile(item, link.href()).orElse(null);
    HttpFetcher.Fetched fetched =
        local == null && isUrl(link.href()) && fetcher != null ? fetcher.fetch(link.href()) : null;
    return new Located(link, local, fetched);
  }

  /** The main document's hash for a stamp: of its bytes, or a marker saying why there are none. */
  static String hash(Located located) throws IOException {
    if (located.link() == null) {
      return "none";
    }
    if (located.localFile() != null) {
      return ContentHash.ofFile("", located.localFile());
    }
    if (located.fetched() == null) {
      return isUrl(located.link().href()) ? "unfetched" : "missing";
    }
    return located.fetched().ok()
        ? ContentHash.ofFile("", located.fetched().file())
        : "failed:" + ContentHash.of(located.fetched().error());
  }

  /** The document with its text extracted, or why there is none. */
  LinkedDocument extract(Source source, Located located) {
    ParsedPage.Link link = located.link();
    String href = link.href();
    if (located.localFile() != null) {
      Path file = located.localFile();
      Extraction extraction = extractor.extract(file, file.getFileName().toString());
      String location =
          source instanceof FolderSource folder ? folder.relative(file) : file.toString();
      return new LinkedDocument(link.text(), href, location, extraction);
    }
    if (isUrl(href)) {
      HttpFetcher.Fetched fetched = located.fetched();
      if (fetched == null) {
        // Fetching is off: the link is kept, its text is not searched.
        return new LinkedDocument(link.text(), href, href, null);
      }
      if (!fetched.ok()) {
        return new LinkedDocument(link.text(), href, href, Extraction.failed(fetched.error()));
      }
      String name = URI.create(fetched.finalUrl()).getPath();
      name = name == null ? "" : name.substring(name.lastIndexOf('/') + 1);
      return new LinkedDocument(link.text(), href, href, extractor.extract(fetched.file(), name));
    }
    return new LinkedDocument(
        link.text(), href, null, Extraction.failed("linked file not found in the source: " + href));
  }

  static boolean isUrl(String href) {
    String h = href.strip().toLowerCase(Locale.ROOT);
    return h.startsWith("http://") || h.startsWith("https://");
  }
}
