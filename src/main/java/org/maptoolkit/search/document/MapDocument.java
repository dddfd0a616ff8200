package org.maptoolkit.search.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One searchable item of the MAP Toolkit: a driver, a MAP Story, a news post, meeting notes, or a
 * standalone document. Fields a page lacks are null (or empty); nothing is invented. Built with
 * {@link #builder}, never by position.
 *
 * @param id stable identifier derived from the item's place in its source (e.g. {@code
 *     drivers:long-term-plan}), safe as one URL path segment
 * @param url where the item is published (absolute URL when known), else null
 * @param origin where it was read from (path inside a folder source, or a URL)
 * @param source the publisher's canonical name (facet value); {@code sourceText} is as written
 * @param audiences controlled audience categories (facet values); {@code audienceText} as written
 * @param language the main language of the item's text (ISO 639-1, e.g. {@code en}), or null
 * @param labelled labelled parts with no field of their own, by label name (e.g. {@code topic}), as
 *     written: what registry facets such as a topic read their values from
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
    String language,
    PartialDate published,
    PartialDate updated,
    PartialDate reviewDue,
    String format,
    String summary,
    List<String> keyFeatures,
    List<String> impact,
    String groupMember,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> labelled,
    String text,
    LinkedDocument mainDocument,
    List<String> related,
    List<String> warnings,
    String contentHash) {

  public MapDocument {
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    keyFeatures = keyFeatures == null ? List.of() : List.copyOf(keyFeatures);
    impact = impact == null ? List.of() : List.copyOf(impact);
    labelled =
        labelled == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labelled));
    related = related == null ? List.of() : List.copyOf(related);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A new record of {@code type} with id {@code id}; set the rest by name. */
  public static Builder builder(String id, DocType type) {
    return new Builder().id(id).type(type);
  }

  /** A builder holding this record's values, to make a changed copy. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .type(type)
        .title(title)
        .url(url)
        .origin(origin)
        .source(source)
        .sourceText(sourceText)
        .audiences(audiences)
        .audienceText(audienceText)
        .language(language)
        .published(published)
        .updated(updated)
        .reviewDue(reviewDue)
        .format(format)
        .summary(summary)
        .keyFeatures(keyFeatures)
        .impact(impact)
        .groupMember(groupMember)
        .labelled(labelled)
        .text(text)
        .mainDocument(mainDocument)
        .related(related)
        .warnings(warnings)
        .contentHash(contentHash);
  }

  /** Sets a record's values by name; unset values stay null or empty. */
  public static final class Builder {
    private String id;
    private DocType type;
    private String title;
    private String url;
    private String origin;
    private String source;
    private String sourceText;
    private List<String> audiences = List.of();
    private String audienceText;
    private String language;
    private PartialDate published;
    private PartialDate updated;
    private PartialDate reviewDue;
    private String format;
    private String summary;
    private List<String> keyFeatures = List.of();
    private List<String> impact = List.of();
    private String groupMember;
    private Map<String, String> labelled = Map.of();
    private String text;
    private LinkedDocument mainDocument;
    private List<String> related = List.of();
    private List<String> warnings = new ArrayList<>();
    private String contentHash;

    private Builder() {}

    public Builder id(String v) {
      id = v;
      return this;
    }

    public Builder type(DocType v) {
      type = v;
      return this;
    }

    public Builder title(String v) {
      title = v;
      return this;
    }

    public Builder url(String v) {
      url = v;
      return this;
    }

    public Builder origin(String v) {
      origin = v;
      return this;
    }

    public Builder source(String v) {
      source = v;
      return this;
    }

    public Builder sourceText(String v) {
      sourceText = v;
      return this;
    }

    public Builder audiences(List<String> v) {
      audiences = v;
      return this;
    }

    public Builder audienceText(String v) {
      audienceText = v;
      return this;
    }

    public Builder language(String v) {
      language = v;
      return this;
    }

    public Builder published(PartialDate v) {
      published = v;
      return this;
    }

    public Builder updated(PartialDate v) {
      updated = v;
      return this;
    }

    public Builder reviewDue(PartialDate v) {
      reviewDue = v;
      return this;
    }

    public Builder format(String v) {
      format = v;
      return this;
    }

    public Builder summary(String v) {
      summary = v;
      return this;
    }

    public Builder keyFeatures(List<String> v) {
      keyFeatures = v;
      return this;
    }

    public Builder impact(List<String> v) {
      impact = v;
      return this;
    }

    public Builder groupMember(String v) {
      groupMember = v;
      return this;
    }

    public Builder labelled(Map<String, String> v) {
      labelled = v;
      return this;
    }

    public Builder text(String v) {
      text = v;
      return this;
    }

    public Builder mainDocument(LinkedDocument v) {
      mainDocument = v;
      return this;
    }

    public Builder related(List<String> v) {
      related = v;
      return this;
    }

    public Builder warnings(List<String> v) {
      warnings = new ArrayList<>(v == null ? List.of() : v);
      return this;
    }

    /** Adds a warning to those already set. */
    public Builder warning(String v) {
      warnings.add(v);
      return this;
    }

    public Builder contentHash(String v) {
      contentHash = v;
      return this;
    }

    public MapDocument build() {
      if (id == null || type == null) {
        throw new IllegalStateException("a record needs an id and a type");
      }
      return new MapDocument(
          id,
          type,
          title,
          url,
          origin,
          source,
          sourceText,
          audiences,
          audienceText,
          language,
          published,
          updated,
          reviewDue,
          format,
          summary,
          keyFeatures,
          impact,
          groupMember,
          labelled,
          text,
          mainDocument,
          related,
          warnings,
          contentHash);
    }
  }
}
