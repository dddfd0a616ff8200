package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.maptoolkit.search.document.ContentHash;

/**
 * A WordPress export (WXR, the RSS-based XML the toolkit's own site exports): published posts and
 * pages become pages with their categories; drafts and password-protected posts are counted as
 * skipped; attachments are not indexed on their own (posts link them as main documents). The XML
 * parser refuses DTDs and external entities.
 */
public final class WordPressSource implements Source {
  private final Path file;

  public WordPressSource(Path file) {
    this.file = file;
  }

  @Override
  public String name() {
    return file.toString();
  }

  /** One {@code <item>} of the export. */
  private static final class Post {
    String title = "";
    String link;
    String content = "";
    String postId;
    String slug;
    String type = "post";
    String status = "publish";
    String password = "";
    String date;
    final List<String> categories = new ArrayList<>();
  }

  @Override
  public List<SourceItem> items() throws IOException {
    List<SourceItem> items = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader xml = factory().createXMLStreamReader(in);
      Post post = null;
      String category = null;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          String prefix = xml.getPrefix() == null ? "" : xml.getPrefix();
          if (name.equals("item")) {
            post = new Post();
          } else if (post != null) {
            switch (prefix + ":" + name) {
              case ":title" -> post.title = xml.getElementText().strip();
              case ":link" -> post.link = xml.getElementText().strip();
              case "content:encoded" -> post.content = xml.getElementText();
              case "wp:post_id" -> post.postId = xml.getElementText().strip();
              case "wp:post_name" -> post.slug = xml.getElementText().strip();
              case "wp:post_type" -> post.type = xml.getElementText().strip();
              case "wp:status" -> post.status = xml.getElementText().strip();
              case "wp:post_password" -> post.password = xml.getElementText().strip();
              case "wp:post_date" -> post.date = xml.getElementText().strip();
              case ":category" -> {
                if ("category".equals(xml.getAttributeValue(null, "domain"))) {
                  category = xml.getAttributeValue(null, "nicename");
                  String label = xml.getElementText().strip();
                  post.categories.add(category != null ? category : slugify(label));
                }
              }
              default -> {}
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT
            && xml.getLocalName().equals("item")
            && post != null) {
          SourceItem item = toItem(post);
          if (item != null) {
            items.add(item);
          }
          post = null;
        }
      }
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException(
          "the WordPress export "
              + file.getFileName()
              + " is not well-formed XML: "
              + e.getMessage(),
          e);
    }
    return items;
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    // Exports never need DTDs; refusing them shuts out entity expansion and external entities.
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  private SourceItem toItem(Post p) {
    if (p.type.equals("attachment")
        || p.type.equals("nav_menu_item")
        || p.type.equals("revision")) {
      return null;
    }
    String slug = p.slug == null || p.slug.isBlank() ? p.postId : p.slug;
    String id = "wp:" + (slug == null ? Integer.toHexString(p.title.hashCode()) : slug);
    String origin = file.getFileName() + "#" + (p.postId == null ? slug : p.postId);
    if (!p.password.isEmpty()) {
      return new SourceItem.Skipped(id, origin, "password-protected post");
    }
    if (!p.status.equals("publish")) {
      return new SourceItem.Skipped(id, origin, "not published (status " + p.status + ")");
    }
    String html = page(p);
    return new SourceItem.HtmlPage(id, origin, html, ContentHash.of(html));
  }

  /** The post as a page shaped like the site's, so the same page parser reads both. */
  private static String page(Post p) {
    StringBuilder classes = new StringBuilder("post type-" + p.type);
    for (String c : p.categories) {
      classes.append(" category-").append(c);
    }
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + escape(p.title)
        + "</title>"
        + (p.link == null ? "" : "<link rel=\"canonical\" href=\"" + escape(p.link) + "\">")
        + "</head><body><article class=\""
        + escape(classes.toString())
        + "\"><h1 class=\"entry-title\">"
        + escape(p.title)
        + "</h1><div class=\"entry-content\">"
        + autop(p.content)
        + "</div><footer class=\"entry-footer\">"
        + (p.date == null
            ? ""
            : "<time class=\"entry-date published\" datetime=\""
                + escape(p.date.replace(' ', 'T'))
                + "\"></time>")
        + "</footer></article></body></html>";
  }

  /**
   * WordPress stores post content without paragraph tags and adds them when it renders (its
   * wpautop); a blank line separates paragraphs.
   */
  static String autop(String content) {
    if (content.contains("<p>") || content.contains("<p ")) {
      return content;
    }
    StringBuilder out = new StringBuilder();
    for (String chunk : content.split("\\r?\\n\\s*\\r?\\n")) {
      String c = chunk.strip();
      if (c.isEmpty()) {
        continue;
      }
      if (c.matches("(?is)^<(ul|ol|h[1-6]|table|blockquote|div|pre|figure)\\b.*")) {
        out.append(c);
      } else {
        out.append("<p>").append(c.replace("\n", "<br>")).append("</p>");
      }
    }
    return out.toString();
  }

  private static String slugify(String label) {
    return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
