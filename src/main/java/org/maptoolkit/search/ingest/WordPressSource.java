package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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

  /** One {@code <item>} of the export, as read. */
  private static final class Post {
    String title = "";
    String link;
    String content = "";
    String postId;
    String type = "post";
    String status = "publish";
    String password = "";
    String date;
    final List<String> categories = new ArrayList<>();
    final List<String> tags = new ArrayList<>();

    WordPressPost post() {
      return new WordPressPost(
          postId, type, title, link, content, status, !password.isEmpty(), date, categories, tags);
    }
  }

  @Override
  public List<SourceItem> items() throws IOException {
    List<SourceItem> items = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader xml = factory().createXMLStreamReader(in);
      Post post = null;
      java.util.Set<String> seen = new java.util.HashSet<>();
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
              case "wp:post_type" -> post.type = xml.getElementText().strip();
              case "wp:status" -> post.status = xml.getElementText().strip();
              case "wp:post_password" -> post.password = xml.getElementText().strip();
              case "wp:post_date" -> post.date = xml.getElementText().strip();
              case ":category" -> {
                String domain = xml.getAttributeValue(null, "domain");
                String nicename = xml.getAttributeValue(null, "nicename");
                String label = xml.getElementText().strip();
                if ("category".equals(domain)) {
                  post.categories.add(nicename != null ? nicename : label);
                } else if ("post_tag".equals(domain)) {
                  post.tags.add(label);
                }
              }
              default -> {}
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT
            && xml.getLocalName().equals("item")
            && post != null) {
          SourceItem item = toItem(post.post(), seen);
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

  /**
   * The item of an exported post: none for WordPress's own types (menus, blocks, media); a failure
   * for a post id the export holds twice, never a silent overwrite.
   */
  private SourceItem toItem(WordPressPost p, java.util.Set<String> seen) {
    if (p.internal()) {
      return null;
    }
    String origin = file.getFileName() + "#" + p.id();
    if (p.id() == null || p.id().isBlank()) {
      return new SourceItem.Invalid(
          "wp:" + p.type() + ":?", origin, "a post without an id (wp:post_id)");
    }
    if (!seen.add(p.recordId())) {
      return new SourceItem.Invalid(
          p.recordId() + "#duplicate",
          origin,
          "the export holds " + p.type() + " " + p.id() + " twice; the first is kept");
    }
    return p.item(origin);
  }
}
