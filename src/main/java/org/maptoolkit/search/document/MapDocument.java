package org.maptoolkit.search.document;

import java.util.List;

/**
 * One searchable item of the MAP Toolkit: a driver, a MAP Story, a news post, meeting notes, or a
 * standalone document. Fields a page lacks are null (or empty lists); nothing is invented.
 *
 * @param id stable identifier derived from the item's place in its source (e.g. {@code
 *     drivers/long-term-plan})
 * @param url where the item is published (absolute URL when known), else null
 * @param origin where it was read from (path inside a folder source, or a URL)
 * @param source the publisher's canonical name (facet value); {@code sourceText} is as written
 * @param audiences controlled audience categories (facet values); {@code audienceText} as written
 * @param related ids of items this one links to (a story's drivers, a news post's drivers)
 * @param text the page's own text not held in a labelled field
 * @param contentHash hash of every input the record was built from, for incremental ingest
 */
public record MapDocument(
    String id,
    DocType type,
    String title,
    String url,
    String origin,
    String source,
    String sourceText,
    List<String> audiences,
    String audienceText,
    PartialDate published,
    PartialDate updated,
    PartialDate reviewDue,
    String format,
    String summary,
    List<String> keyFeatures,
    List<String> impact,
    String groupMember,
    String text,
    LinkedDocument mainDocument,
    List<String> related,
    List<String> warnings,
    String contentHash) {

  public MapDocument {
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    keyFeatures = keyFeatures == null ? List.of() : List.copyOf(keyFeatures);
    impact = impact == null ? List.of() : List.copyOf(impact);
    related = related == null ? List.of() : List.copyOf(related);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
