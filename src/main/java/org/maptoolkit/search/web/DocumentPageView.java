package org.maptoolkit.search.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.document.PartialDate;
import org.maptoolkit.search.search.DiscoveryService;
import org.maptoolkit.search.web.view.DocumentPage;
import org.maptoolkit.search.web.view.Link;

/** Makes a record's page: facts as people write them, titled links both ways, the way back. */
final class DocumentPageView {
  private DocumentPageView() {}

  /**
   * @param back the query string of the search the user came from (untrusted), or null
   */
  static DocumentPage of(
      MapDocument d, Map<String, List<DiscoveryService.Link>> related, String back) {
    List<DocumentPage.Fact> facts = new ArrayList<>();
    fact(facts, "Type", d.type().label(), null);
    fact(facts, "Publisher", d.sourceText() != null ? d.sourceText() : d.source(), null);
    fact(facts, "Audience", d.audienceText(), null);
    date(facts, "Published", d.published());
    date(facts, "Last updated", d.updated());
    date(facts, "Due for review", d.reviewDue());
    fact(facts, "Format", d.format(), null);
    if (d.language() != null) {
      fact(facts, "Language", Facet.LANGUAGE.display().apply(d.language()), null);
    }
    fact(facts, "Group member responsible", d.groupMember(), null);
    return new DocumentPage(
        d.title(),
        backLink(back),
        facts,
        main(d),
        d.summary(),
        d.keyFeatures(),
        d.impact(),
        links(related.getOrDefault("linksTo", List.of())),
        links(related.getOrDefault("linkedFrom", List.of())));
  }

  /** Back to the same results when the user came from a search; else to the search page. */
  private static Link backLink(String back) {
    if (back == null || back.isBlank()) {
      return new Link("Search", "/");
    }
    // Rebuilt from the parameters the page knows: nothing else from the URL reaches the link.
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : back.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return new Link("Back to the results", new PageState(params).href());
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static DocumentPage.MainDocument main(MapDocument d) {
    var main = d.mainDocument();
    if (main == null) {
      return null;
    }
    String href = main.isLocal() ? "/api/documents/" + d.id() + "/file" : Links.encode(main.href());
    Link link =
        new Link(main.label() == null || main.label().isBlank() ? href : main.label(), href);
    Extraction x = main.extraction();
    if (x == null) {
      return new DocumentPage.MainDocument(
          link, "Its text is not searchable here: it was not fetched.", null);
    }
    String reading =
        switch (x.status()) {
          case FULL -> "Its text is searchable" + pages(x) + ".";
          case PARTIAL -> "Only part of its text could be read" + pages(x) + ".";
          case NO_TEXT -> "No text could be read from it.";
          case FAILED -> "It could not be read.";
        };
    String reason =
        x.reason() == null || x.reason().isBlank() ? null : capitalise(x.reason()) + ".";
    return new DocumentPage.MainDocument(link, reading, reason);
  }

  private static String pages(Extraction x) {
    int n = x.pages() == null ? 0 : x.pages().size();
    return n > 1 ? " (" + n + " pages)" : "";
  }

  private static List<Link> links(List<DiscoveryService.Link> links) {
    return links.stream()
        .map(
            l ->
                new Link(
                    l.title() == null || l.title().isBlank() ? l.id() : l.title(),
                    "/documents/" + l.id()))
        .toList();
  }

  private static void fact(List<DocumentPage.Fact> facts, String label, String value, String iso) {
    if (value != null && !value.isBlank()) {
      facts.add(new DocumentPage.Fact(label, value, iso));
    }
  }

  private static void date(List<DocumentPage.Fact> facts, String label, PartialDate date) {
    if (date != null) {
      fact(facts, label, HumanDates.of(date), date.iso());
    }
  }

  private static String capitalise(String s) {
    String t = s.strip().replaceAll("[.]+$", "");
    return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
  }
}
