package org.maptoolkit.search.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;
import org.maptoolkit.search.document.ContentHash;

/**
 * A WordPress post (or page, or custom type) as an export or the REST API gives it, and how it
 * becomes an item: keyed by its type and id (slugs repeat), indexed only when published, not
 * protected and of a type that holds the site's records; its content shaped like a page of the
 * site, so the same page parser reads it.
 *
 * @param id the post id
 * @param type the post type ({@code post}, {@code page}, {@code driver}...)
 * @param title the title as WordPress stores it (may hold markup and entities)
 * @param link the post's public URL, or null
 * @param content the content, as stored (an export) or rendered (the REST API)
 * @param status {@code publish}, {@code draft}, {@code private}, {@code trash}...
 * @param isProtected whether the post has a password
 * @param date when it was published (ISO), or null
 * @param categories category slugs
 * @param tags tag names
 */
public record WordPressPost(
    String id,
    String type,
    String title,
    String link,
    String content,
    String status,
    boolean isProtected,
    String date,
    List<String> categories,
    List<String> tags) {

  /**
   * Types WordPress keeps for itself: menus, reusable blocks, templates, styles, revisions and
   * media. Every other type (post, page, a custom type such as driver) holds the site's records.
   */
  static final Set<String> INTERNAL_TYPES =
      Set.of(
          "attachment",
          "revision",
          "nav_menu_item",
          "custom_css",
          "customize_changeset",
          "oembed_cache",
          "user_request",
          "wp_block",
          "wp_template",
          "wp_template_part",
          "wp_global_styles",
          "wp_navigation",
          "wp_font_family",
          "wp_font_face");

  /** WordPress's own shortcodes: media and layout, not words (a caption's words are kept). */
  private static final Pattern SHORTCODE =
      Pattern.compile(
          "\\[(/?)(caption|wp_caption|gallery|audio|video|playlist|embed)\\b[^\\]]*\\]",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern CAPTION_ATTRIBUTE = Pattern.compile("\\bcaption=\"([^\"]*)\"");

  private static final Pattern EMBED_BODY =
      Pattern.compile("(?is)\\[embed\\b[^\\]]*\\].*?\\[/embed\\]");

  public WordPressPost {
    categories = categories == null ? List.of() : List.copyOf(categories);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The record id: the same for a post whether it comes from an export or the REST API. */
  public String recordId() {
    return "wp:" + org.maptoolkit.search.document.Ids.segment(type) + ":" + id;
  }

  /** Whether the type is one of WordPress's own (never indexed). */
  boolean internal() {
    return INTERNAL_TYPES.contains(type);
  }

  /** The item for this post: skipped when it must not be searchable, else its page. */
  SourceItem item(String origin) {
    return item(origin, null);
  }

  /**
   * As {@link #item(String)}, the page carrying {@code version} as its fingerprint (what a live
   * site says this version is), or the hash of its content when null.
   */
  SourceItem item(String origin, String version) {
    String id = recordId();
    if (isProtected) {
      return new SourceItem.Skipped(id, origin, "password-protected post");
    }
    if (!status.equals("publish")) {
      return new SourceItem.Skipped(id, origin, "not published (status " + status + ")");
    }
    String html = page();
    return new SourceItem.HtmlPage(
        id, origin, html, version == null ? ContentHash.of(html) : version);
  }

  /** The title as people read it: markup dropped, entities decoded. */
  String plainTitle() {
    return Jsoup.parse(title == null ? "" : title).text().strip();
  }

  /** The post as a page shaped like the site's, so the same page parser reads both. */
  String page() {
    StringBuilder classes = new StringBuilder("post type-" + type);
    for (String c : categories) {
      classes.append(" category-").append(slug(c));
    }
    for (String t : tags) {
      classes.append(" tag-").append(slug(t));
    }
    String heading = escape(plainTitle());
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + heading
        + "</title>"
        + (link == null ? "" : "<link rel=\"canonical\" href=\"" + escape(link) + "\">")
        + "</head><body><article class=\""
        + escape(classes.toString())
        + "\"><h1 class=\"entry-title\">"
        + heading
        + "</h1><div class=\"entry-content\">"
        + autop(withoutShortcodes(content == null ? "" : content))
        + "</div><footer class=\"entry-footer\">"
        + (date == null
            ? ""
            : "<time class=\"entry-date published\" datetime=\""
                + escape(date.replace(' ', 'T'))
                + "\"></time>")
        + "</footer></article></body></html>";
  }

  /**
   * The content without WordPress's media shortcodes: an embed goes with its URL, a gallery or
   * player with its attributes, and a caption keeps its words. Anything else in square brackets is
   * text ("[simple boat]" is a phrase, not a shortcode).
   */
  static String withoutShortcodes(String content) {
    String s = EMBED_BODY.matcher(content).replaceAll(" ");
    Matcher m = SHORTCODE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      // An older caption keeps its words in an attribute: [caption caption="A husk"]...
      Matcher words = CAPTION_ATTRIBUTE.matcher(m.group());
      String replacement =
          m.group(1).isEmpty()
                  && m.group(2).toLowerCase(Locale.ROOT).endsWith("caption")
                  && words.find()
              ? " " + words.group(1) + " "
              : " ";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
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

  static String slug(String label) {
    return label
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", "-")
        .replaceAll("(^-|-$)", "");
  }

  private static String escape(String s) {
    return Entities.escape(s);
  }
}
