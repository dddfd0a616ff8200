package org.maptoolkit.search.web.format;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.search.SearchResult;

/**
 * Search results as the formats other tools read: an Atom feed (a saved search in a feed reader),
 * RIS and BibTeX (reference managers), CSV (spreadsheets), and a search report for evidence
 * searches. Plain functions from results to text; no HTTP here.
 */
public final class Exports {
  private Exports() {}

  /** A result as exports see it, with absolute links. */
  public record Item(SearchResult.Hit hit, String url, String mainDocumentUrl) {}

  /** An Atom 1.0 feed of the results, newest first as given. */
  public static String atom(
      String title, String selfUrl, String alternateUrl, List<Item> items, Instant updated) {
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
        .append("  <id>")
        .append(xml(selfUrl))
        .append("</id>\n")
        .append("  <title>")
        .append(xml(title))
        .append("</title>\n")
        .append("  <updated>")
        .append(updated)
        .append("</updated>\n")
        .append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"")
        .append(xml(selfUrl))
        .append("\"/>\n")
        .append("  <link rel=\"alternate\" type=\"text/html\" href=\"")
        .append(xml(alternateUrl))
        .append("\"/>\n")
        .append("  <author><name>MAP Search</name></author>\n")
        .append("  <generator>MAP Search</generator>\n");
    for (Item item : items) {
      SearchResult.Hit h = item.hit();
      String date = h.updated() != null ? h.updated() : h.published();
      x.append("  <entry>\n")
          .append("    <id>")
          .append(xml(item.url()))
          .append("</id>\n")
          .append("    <title>")
          .append(xml(h.title()))
          .append("</title>\n")
          .append("    <updated>")
          .append(rfc3339(date, updated))
          .append("</updated>\n");
      if (h.published() != null) {
        x.append("    <published>")
            .append(rfc3339(h.published(), updated))
            .append("</published>\n");
      }
      x.append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
          .append(xml(item.url()))
          .append("\"/>\n");
      if (item.mainDocumentUrl() != null) {
        x.append("    <link rel=\"related\" href=\"")
            .append(xml(item.mainDocumentUrl()))
            .append("\"/>\n");
      }
      x.append("    <author><name>")
          .append(xml(h.source() == null ? "MAP Toolkit" : h.source()))
          .append("</name></author>\n")
          .append("    <category term=\"")
          .append(xml(h.type()))
          .append("\"/>\n");
      if (h.snippet() != null) {
        x.append("    <summary type=\"text\">")
            .append(xml(plain(h.snippet())))
            .append("</summary>\n");
      }
      x.append("  </entry>\n");
    }
    return x.append("</feed>\n").toString();
  }

  /** RIS, one record per result (TY GEN, or RPRT for a driver's policy document). */
  public static String ris(List<Item> items) {
    StringBuilder r = new StringBuilder();
    for (Item item : items) {
      SearchResult.Hit h = item.hit();
      r.append(tag("TY", h.type().equals("driver") ? "RPRT" : "GEN"));
      r.append(tag("TI", h.title()));
      if (h.source() != null) {
        // A publisher is a corporate author: RIS keeps it whole with a trailing comma.
        r.append(tag("AU", h.source() + ","));
        r.append(tag("PB", h.source()));
      }
      if (h.published() != null) {
        r.append(tag("PY", h.published().substring(0, 4)));
        r.append(tag("DA", risDate(h.published())));
      }
      r.append(tag("UR", item.mainDocumentUrl() != null ? item.mainDocumentUrl() : item.url()));
      if (h.snippet() != null) {
        r.append(tag("AB", plain(h.snippet())));
      }
      r.append(tag("KW", h.type()));
      r.append(tag("ID", h.id()));
      r.append("ER  - \r\n\r\n");
    }
    return r.toString();
  }

  /** BibTeX, one {@code @misc} (or {@code @techreport} for drivers) per result. */
  public static String bibtex(List<Item> items) {
    StringBuilder b = new StringBuilder();
    for (Item item : items) {
      SearchResult.Hit h = item.hit();
      String key = h.id().replaceAll("[^A-Za-z0-9]+", "_");
      b.append(h.type().equals("driver") ? "@techreport{" : "@misc{").append(key).append(",\n");
      field(b, "title", "{" + bib(h.title()) + "}");
      if (h.source() != null) {
        // Double braces keep a corporate author whole.
        field(b, "author", "{" + bib(h.source()) + "}");
        field(b, h.type().equals("driver") ? "institution" : "publisher", bib(h.source()));
      }
      if (h.published() != null) {
        field(b, "year", h.published().substring(0, 4));
        if (h.published().length() >= 7) {
          field(b, "month", MONTHS[Integer.parseInt(h.published().substring(5, 7)) - 1]);
        }
      }
      field(b, "url", item.mainDocumentUrl() != null ? item.mainDocumentUrl() : item.url());
      field(b, "note", "MAP Toolkit " + h.type() + "; " + item.url());
      b.setLength(b.length() - 2);
      b.append("\n}\n\n");
    }
    return b.toString();
  }

  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  /** CSV (RFC 4180): a header, then one row per result. */
  public static String csv(List<Item> items) {
    StringBuilder c =
        new StringBuilder("id,type,title,source,audience,published,url,main_document\r\n");
    for (Item item : items) {
      SearchResult.Hit h = item.hit();
      row(
          c,
          h.id(),
          h.type(),
          h.title(),
          h.source(),
          String.join("; ", h.audience()),
          h.published(),
          item.url(),
          item.mainDocumentUrl());
    }
    return c.toString();
  }

  /** The search report as CSV: the search's facts, then the ranked results. */
  public static String reportCsv(Map<String, Object> facts, List<Item> items) {
    StringBuilder c = new StringBuilder("field,value\r\n");
    facts.forEach((k, v) -> row(c, k, String.valueOf(v)));
    c.append("\r\nrank,id,title\r\n");
    int rank = 1;
    for (Item item : items) {
      row(c, String.valueOf(rank++), item.hit().id(), item.hit().title());
    }
    return c.toString();
  }

  private static void row(StringBuilder c, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        c.append(',');
      }
      String v = cells[i] == null ? "" : cells[i];
      if (v.matches("(?s).*[\",\\r\\n].*")) {
        c.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        c.append(v);
      }
    }
    c.append("\r\n");
  }

  private static String tag(String tag, String value) {
    return tag + "  - " + (value == null ? "" : value.replaceAll("[\\r\\n]+", " ")) + "\r\n";
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append("  ").append(name).append(" = {").append(value).append("},\n");
  }

  private static String bib(String s) {
    return s.replace("\\", "\\textbackslash{}")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("&", "\\&")
        .replace("%", "\\%")
        .replace("$", "\\$")
        .replace("#", "\\#")
        .replace("_", "\\_");
  }

  /** RIS dates are YYYY/MM/DD/ with unknown parts left empty. */
  private static String risDate(String iso) {
    String[] p = iso.split("-");
    return p[0] + "/" + (p.length > 1 ? p[1] : "") + "/" + (p.length > 2 ? p[2] : "") + "/";
  }

  /** Atom needs a full date-time: a partial date stands for its first day, at midnight UTC. */
  private static String rfc3339(String iso, Instant fallback) {
    if (iso == null) {
      return fallback.toString();
    }
    String day = iso.length() == 4 ? iso + "-01-01" : iso.length() == 7 ? iso + "-01" : iso;
    return day + "T00:00:00Z";
  }

  /** A snippet's text without its markup. */
  static String plain(String html) {
    return html.replace("<mark>", "")
        .replace("</mark>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  static String xml(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
  }

  /** The current time to the second, for feeds and reports. */
  public static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }
}
