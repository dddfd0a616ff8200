package org.maptoolkit.search.web.view;

import java.util.List;

/**
 * A record's page: its facts as people write them, its main document with what reading it gave, its
 * text parts, what it links to and what links to it, and the way back to the search.
 */
public record DocumentPage(
    String title,
    Link back,
    List<Fact> facts,
    MainDocument main,
    String summary,
    List<String> keyFeatures,
    List<String> impact,
    List<Link> linksTo,
    List<Link> linkedFrom) {

  /** A labelled fact; {@code datetime} is set when the value is a date. */
  public record Fact(String label, String value, String datetime) {}

  /** The main document: its link, and in plain words what reading its text gave. */
  public record MainDocument(Link link, String reading, String reason) {}
}
