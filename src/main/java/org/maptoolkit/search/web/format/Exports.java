package org.maptoolkit.search.web.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.document.PartialDate;

/**
 * Search results as the formats other tools read: an Atom feed (a saved search in a feed reader),
 * RIS and BibTeX (reference managers), CSV (spreadsheets), and a search report for evidence
 * searches. Plain functions from records to text; no HTTP here.
 */
public final class Exports {
  private Exports() {}

  /**
   * A result as exports see it.
   *
   * @param record the record as stored
   * @param summary plain text to describe it (its snippet or summary), or null
   * @param url its page, absolute
   * @param mainDocumentUrl its main document, absolute, or null
   */
  public record Item(MapDocument record, String summary, String url, String mainDocumentUrl) {}

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
      MapDocument d = item.record();
      String published = iso(d.published());
      String date = d.updated() != null ? iso(d.updated()) : published;
      x.append("  <entry>\n")
          .append("    <id>")
          .append(xml(item.url()))
          .append("</id>\n")
          .append("    <title>")
          .append(xml(d.title()))
          .append("</title>\n")
          .append("    <updated>")
          .append(rfc3339(date, updated))
          .append("</updated>\n");
      if (published != null) {
        x.append("    <published>").append(rfc3339(published, updated)).append("</published>\n");
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
          .append(xml(d.source() == null ? "MAP Toolkit" : d.source()))
          .append("</name></author>\n")
          .append("    <category term=\"")
          .append(xml(d.type().value()))
          .append("\"/>\n");
      if (item.summary() != null) {
        x.append("    <summary type=\"text\">").append(xml(item.summary())).append("</summary>\n");
      }
      x.append("  </entry>\n");
    }
    return x.append("</feed>\n").toString();
  }

  /** RIS, one record per result (TY GEN, or RPRT for a driver's policy document). */
  public static String ris(List<Item> items) {
    StringBuilder r = new StringBuilder();
    for (Item item : items) {
      MapDocument d = item.record();
      r.append(tag("TY", d.type().value().equals("driver") ? "RPRT" : "GEN"));
      r.append(tag("TI", d.title()));
      if (d.source() != null) {
        // A publisher is a corporate author: RIS keeps it whole with a trailing comma.
        r.append(tag("AU", d.source() + ","));
        r.append(tag("PB", d.source()));
      }
      String published = iso(d.published());
      if (published != null) {
        r.append(tag("PY", published.substring(0, 4)));
        r.append(tag("DA", risDate(published)));
      }
      r.append(tag("UR", item.mainDocumentUrl() != null ? item.mainDocumentUrl() : item.url()));
      if (item.summary() != null) {
        r.append(tag("AB", item.summary()));
      }
      r.append(tag("KW", d.type().value()));
      r.append(tag("ID", d.id()));
      r.append("ER  - \r\n\r\n");
    }
    return r.toString();
  }

  /**
   * BibTeX, one {@code @techreport} per driver whose publisher is known (BibTeX requires its author
   * and institution) and one {@code @misc} per other result.
   */
  public static String bibtex(List<Item> items) {
    StringBuilder b = new StringBuilder();
    for (Item item : items) {
      MapDocument d = item.record();
      boolean driver = d.type().value().equals("driver") && d.source() != null;
      String key = d.id().replaceAll("[^A-Za-z0-9]+", "_");
      b.append(driver ? "@techreport{" : "@misc{").append(key).append(",\n");
      field(b, "title", "{" + bib(d.title()) + "}");
      if (d.source() != null) {
        // Double braces keep a corporate author whole.
        field(b, "author", "{" + bib(d.source()) + "}");
        field(b, driver ? "institution" : "publisher", bib(d.source()));
      }
      String published = iso(d.published());
      if (published != null) {
        field(b, "year", published.substring(0, 4));
        if (published.length() >= 7) {
          field(b, "month", MONTHS[Integer.parseInt(published.substring(5, 7)) - 1]);
        }
      }
      field(b, "url", item.mainDocumentUrl() != null ? item.mainDocumentUrl() : item.url());
      field(b, "note", "MAP Toolkit " + d.type().value() + "; " + item.url());
      b.setLength(b.length() - 2);
      b.append("\n}\n\n");
    }
    return b.toString();
  }

  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  /** The columns of the CSV export: these, then every other facet of the registry. */
  private static final List<String> CSV_COLUMNS =
      List.of("id", "type", "title", "source", "audience", "published", "url", "main_document");

  /**
   * CSV (RFC 4180): a header, then one row per result. Cells that a spreadsheet would run as a
   * formula are written as text.
   */
  public static String csv(List<Item> items) {
    List<Facet> more = Facet.INDEXED.stream().filter(f -> !CSV_COLUMNS.contains(f.name())).toList();
    List<String> header = new ArrayList<>(CSV_COLUMNS);
    more.forEach(f -> header.add(f.name()));
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (Item item : items) {
      MapDocument d = item.record();
      List<String> row =
          new ArrayList<>(
              java.util.Arrays.asList(
                  d.id(),
                  d.type().value(),
                  d.title(),
                  d.source(),
                  String.join("; ", d.audiences()),
                  iso(d.published()),
                  item.url(),
                  item.mainDocumentUrl()));
      more.forEach(f -> row.add(String.join("; ", f.values().apply(d))));
      rows.add(row);
    }
    return table(rows);
  }

  /** The search report as CSV: the search's facts, then the ranked results. */
  public static String reportCsv(Map<String, Object> facts, List<Item> items) {
    List<List<String>> head = new ArrayList<>();
    head.add(List.of("field", "value"));
    facts.forEach((k, v) -> head.add(List.of(k, String.valueOf(v))));
    List<List<String>> ranked = new ArrayList<>();
    ranked.add(List.of("rank", "id", "title"));
    int rank = 1;
    for (Item item : items) {
      ranked.add(List.of(String.valueOf(rank++), item.record().id(), item.record().title()));
    }
    return table(head) + "\r\n" + table(ranked);
  }

  private static String table(List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
      for (List<String> row : rows) {
        for (String cell : row) {
          printer.print(cell == null ? "" : safe(cell));
        }
        printer.println();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * A cell a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab
   * or carriage return first) with an apostrophe before it, as OWASP advises, so that opening an
   * export never runs what a page's author wrote.
   */
  static String safe(String cell) {
    if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
      return "'" + cell;
    }
    return cell;
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

  private static String iso(PartialDate date) {
    return date == null ? null : date.iso();
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

  /**
   * When the newest of {@code items} was published or updated, as a feed's {@code updated} says: it
   * changes when the feed's content does, not with every request.
   */
  public static java.util.Optional<Instant> newest(List<Item> items) {
    return items.stream()
        .map(Item::record)
        .flatMap(d -> java.util.stream.Stream.of(d.published(), d.updated()))
        .filter(java.util.Objects::nonNull)
        .map(d -> d.start().atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
        .max(java.util.Comparator.naturalOrder());
  }

  /** The current time to the second, for feeds and reports. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
