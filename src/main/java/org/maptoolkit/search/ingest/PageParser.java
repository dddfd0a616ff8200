package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.maptoolkit.search.document.DocType;

/**
 * Reads the structure of a toolkit page (WordPress HTML) with jsoup: its type, whether it is
 * password-protected, its title and its labelled parts, whatever the label style (bold label and
 * value in one paragraph, a heading followed by blocks, or plain "Label: value" text).
 */
public final class PageParser {
  private static final String BLOCKS = "p, h1, h2, h3, h4, h5, h6, ul, ol, table, blockquote, pre";

  /** Parses {@code html}; {@code baseUri} resolves relative links (may be empty). */
  public ParsedPage parse(String html, String baseUri) {
    return parse(Jsoup.parse(html, baseUri));
  }

  /** Parses a page file, detecting its character set from the bytes and meta tags. */
  public ParsedPage parse(Path file) throws IOException {
    return parse(Jsoup.parse(file.toFile(), null, ""));
  }

  private ParsedPage parse(Document doc) {
    Element article = doc.selectFirst("article");
    Element content = firstNonNull(doc.selectFirst(".entry-content"), article, doc.body());
    String title = title(doc);
    boolean isProtected = isProtected(doc, article, title);
    String canonical = attr(doc.selectFirst("link[rel=canonical]"), "href");
    String postDate =
        attr(
            doc.selectFirst("time.entry-date.published, time.entry-date, time[datetime]"),
            "datetime");

    Map<Label, ParsedPage.Section> sections = new LinkedHashMap<>();
    collectSections(content, sections);
    List<ParsedPage.Link> links = links(content);
    DocType type = type(doc, article, sections);
    String text = content == null ? "" : content.text();
    if (title != null && title.startsWith("Protected:")) {
      title = title.substring("Protected:".length()).strip();
    }
    return new ParsedPage(type, isProtected, title, canonical, sections, links, text, postDate);
  }

  private static String title(Document doc) {
    // In priority order: one selector group would return the first h1 on the page, which may be
    // the theme's site title ("MAP Toolkit") in the header.
    for (String selector : List.of("h1.entry-title", ".entry-title", "article h1", "h1")) {
      Element h1 = doc.selectFirst(selector);
      if (h1 != null && !h1.text().isBlank()) {
        return h1.text().strip();
      }
    }
    String t = doc.title();
    int bar = t.lastIndexOf(" | ");
    return (bar > 0 ? t.substring(0, bar) : t).strip();
  }

  private static boolean isProtected(Document doc, Element article, String title) {
    return (article != null && article.hasClass("post-password-required"))
        || doc.selectFirst("form.post-password-form, input[name=post_password]") != null
        || (title != null && title.startsWith("Protected:"));
  }

  private static DocType type(
      Document doc, Element article, Map<Label, ParsedPage.Section> sections) {
    String classes =
        ((article == null ? "" : article.className()) + " " + doc.body().className())
            .toLowerCase(Locale.ROOT);
    if (classes.contains("category-drivers") || classes.contains("type-driver")) {
      return DocType.DRIVER;
    }
    if (classes.contains("category-map-stories") || classes.contains("type-story")) {
      return DocType.STORY;
    }
    if (classes.contains("category-news")) {
      return DocType.NEWS;
    }
    if (classes.contains("category-meetings")) {
      return DocType.MEETING;
    }
    // No category on the page: judge by its labelled parts.
    if ((sections.containsKey(Label.SUMMARY) && sections.containsKey(Label.SOURCE))
        || sections.containsKey(Label.IMPACT)) {
      return DocType.DRIVER;
    }
    if (sections.containsKey(Label.STORY) || sections.containsKey(Label.ALIGNMENT)) {
      return DocType.STORY;
    }
    return article != null ? DocType.NEWS : DocType.DOCUMENT;
  }

  /**
   * Walks the content's top-level blocks in order. A block that starts with a label opens a
   * section; blocks without a label are added to the open section.
   */
  private static void collectSections(Element content, Map<Label, ParsedPage.Section> sections) {
    if (content == null) {
      return;
    }
    Label open = null;
    StringBuilder text = new StringBuilder();
    List<String> items = new ArrayList<>();
    List<ParsedPage.Link> links = new ArrayList<>();
    for (Element block : blocks(content)) {
      Label.Match match = labelOf(block);
      if (match != null
          && open == Label.LINK
          && match.label() != Label.LINK
          && !block.is("h1, h2, h3, h4, h5, h6")
          && namesOnlyLinks(block, match)) {
        // "Summary: <a href=...>" under "Link to main document" names one of several links; a
        // "Summary of driver:" that merely contains a link is still the summary.
        match = null;
      }
      if (match != null) {
        close(open, text, items, links, sections);
        open = match.label();
        text.setLength(0);
        items = new ArrayList<>();
        links = new ArrayList<>();
        if (!match.rest().isBlank()) {
          text.append(match.rest());
          items.add(match.rest());
        }
        links.addAll(links(block));
        continue;
      }
      if (open == null) {
        continue;
      }
      if (block.is("ul, ol")) {
        for (Element li : block.select("li")) {
          String own = ownText(li);
          if (!own.isBlank()) {
            items.add(own);
          }
        }
      } else if (!block.text().isBlank()) {
        items.add(block.text().strip());
      }
      if (!block.text().isBlank()) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(block.text().strip());
      }
      links.addAll(links(block));
    }
    close(open, text, items, links, sections);
  }

  private static void close(
      Label open,
      StringBuilder text,
      List<String> items,
      List<ParsedPage.Link> links,
      Map<Label, ParsedPage.Section> sections) {
    if (open != null && !sections.containsKey(open)) {
      sections.put(
          open,
          new ParsedPage.Section(text.toString().strip(), List.copyOf(items), List.copyOf(links)));
    }
  }

  /** Blocks in document order, not descending into lists (a list is one block). */
  private static List<Element> blocks(Element content) {
    List<Element> out = new ArrayList<>();
    for (Element child : content.children()) {
      if (child.is(BLOCKS)) {
        out.add(child);
      } else if (child.is("div, section, header, footer, figure, main, article")) {
        if (child.is("footer, .entry-footer, form")) {
          continue;
        }
        List<Element> inner = blocks(child);
        if (inner.isEmpty() && !child.text().isBlank()) {
          out.add(child);
        } else {
          out.addAll(inner);
        }
      }
    }
    return out;
  }

  /** The label a block starts with: a heading that is a label, bold label text, or "Label:". */
  private static Label.Match labelOf(Element block) {
    if (block.is("ul, ol, table")) {
      return null;
    }
    String text = block.text();
    if (text.isBlank()) {
      return null;
    }
    var match = Label.at(text).orElse(null);
    if (match == null) {
      return null;
    }
    if (block.is("h1, h2, h3, h4, h5, h6")) {
      return isWholeLabel(match) ? match : null;
    }
    Element first = firstElementChild(block);
    if (first != null
        && first.is("strong, b, em")
        && Label.at(first.text()).filter(PageParser::isWholeLabel).isPresent()) {
      return match;
    }
    // Plain text is a label only with its colon (or "?"), so that prose starting with "Summary"
    // or "Source" is not mistaken for one.
    return match.hadColon() ? match : null;
  }

  /** Whether the text after the label is nothing but the block's link text or an address. */
  private static boolean namesOnlyLinks(Element block, Label.Match match) {
    String links =
        String.join(" ", block.select("a[href]").eachText())
            .replace('\u00A0', ' ')
            .replaceAll("\\s+", " ")
            .strip();
    String rest = match.rest().replaceAll("\\s+", " ").replaceAll("[\\s.,;]+$", "").strip();
    // A bare address written as text ("Summary: https://...") names a link too.
    return (!links.isBlank() && rest.equals(links)) || rest.matches("(?i)https?://\\S+");
  }

  /**
   * Whether emphasised text is a label and nothing more (or a label, a colon and its value), so
   * that a bold "Source of funding:" inside a part does not open the "Source" part.
   */
  private static boolean isWholeLabel(Label.Match match) {
    return match.rest().isBlank() || match.hadColon();
  }

  /** The first element child when no text precedes it. */
  private static Element firstElementChild(Element block) {
    for (Node node : block.childNodes()) {
      if (node instanceof TextNode t) {
        if (!t.isBlank()) {
          return null;
        }
      } else if (node instanceof Element e) {
        return e;
      }
    }
    return null;
  }

  /** An item's own text, without the text of lists nested in it. */
  private static String ownText(Element li) {
    Element copy = li.clone();
    copy.select("ul, ol").remove();
    return copy.text().strip();
  }

  private static List<ParsedPage.Link> links(Element scope) {
    List<ParsedPage.Link> out = new ArrayList<>();
    if (scope == null) {
      return out;
    }
    for (Element a : scope.select("a[href]")) {
      String href = a.attr("href").strip();
      if (!href.isEmpty() && !href.startsWith("#") && !href.startsWith("mailto:")) {
        out.add(new ParsedPage.Link(href, a.text().strip()));
      }
    }
    return out;
  }

  private static String attr(Element e, String name) {
    return e == null || e.attr(name).isBlank() ? null : e.attr(name);
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
