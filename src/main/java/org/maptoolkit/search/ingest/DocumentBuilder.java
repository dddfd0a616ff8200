package org.maptoolkit.search.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.maptoolkit.search.document.DocType;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.document.PartialDate;
import org.maptoolkit.search.document.Texts;

/**
 * Interprets a parsed page's labelled parts as fields: publisher and audience through the
 * vocabularies, dates at their precision, list parts as items. What it cannot interpret is kept as
 * written and noted as a warning (and in {@code unmatched}) rather than guessed.
 *
 * <p>Just over 300 lines: one method per labelled part of a driver, kept side by side so that the
 * parts a page can hold are read in one file.
 */
public final class DocumentBuilder {
  private final Vocabulary vocabulary;
  private final DateParser dates = new DateParser();

  /** Values the vocabularies or date parser did not recognise, by kind, for the ingest report. */
  public record Unmatched(String kind, String value) {}

  public DocumentBuilder(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /**
   * Builds the record of a page.
   *
   * @param mainDocument the page's main document with its extraction, or null
   * @param relatedIds ids of the source's pages this page links to
   * @param unmatched collects values nothing recognised
   */
  public MapDocument build(
      String id,
      String origin,
      ParsedPage page,
      LinkedDocument mainDocument,
      List<String> relatedIds,
      String contentHash,
      List<Unmatched> unmatched) {
    List<String> warnings = new ArrayList<>();
    Function<Label, PartialDate> date =
        label -> {
          String text = page.get(label);
          if (text == null) {
            return null;
          }
          Optional<PartialDate> parsed = dates.parse(text);
          if (parsed.isEmpty()) {
            warnings.add("unparsed date in '" + label.display() + "': " + text);
            unmatched.add(new Unmatched("date", text));
          }
          return parsed.orElse(null);
        };

    DocType type = page.type();
    String title = Optional.ofNullable(page.get(Label.TITLE)).orElse(page.title());
    if (type != DocType.DRIVER && page.title() != null) {
      title = page.title();
    }
    if (title == null || title.isBlank()) {
      // Never a record without a title: its main document's, its first line, or its name.
      title = untitled(page, mainDocument, origin);
      warnings.add("the page has no title; shown as '" + title + "'");
    }
    String sourceText = firstLine(page.get(Label.SOURCE));
    String source = publisher(sourceText, warnings, unmatched);
    String audienceText = page.get(Label.AUDIENCE);
    List<String> audiences = audiences(audienceText, warnings, unmatched);
    PartialDate published = date.apply(Label.PUBLISHED);
    PartialDate updated = date.apply(Label.UPDATED);
    PartialDate review = date.apply(Label.REVIEW);
    PartialDate postDate =
        page.postDate() == null ? null : dates.parse(page.postDate()).orElse(null);
    if (published == null && type != DocType.DRIVER) {
      // Stories, news and meetings are dated by their post (or a date in a meeting's title).
      published = type == DocType.MEETING ? dates.parse(title).orElse(postDate) : postDate;
    }

    String summary = page.get(Label.SUMMARY);
    List<String> features = items(page, Label.FEATURES);
    List<String> impact = items(page, Label.IMPACT);
    if (type == DocType.STORY) {
      summary = page.get(Label.STORY);
      impact = new ArrayList<>(items(page, Label.IMPACT_LIBRARY));
      impact.addAll(items(page, Label.IMPACT_ORGANISATION));
      features = items(page, Label.FUTURE);
    }
    if (summary == null && type != DocType.DRIVER) {
      summary = firstParagraph(page.text());
    }
    if (mainDocument != null && mainDocument.extraction() != null) {
      Extraction e = mainDocument.extraction();
      if (e.status() != Extraction.Status.FULL) {
        warnings.add(
            "main document "
                + mainDocument.href()
                + ": "
                + e.status().value()
                + (e.reason() == null ? "" : " (" + e.reason() + ")"));
      }
    }
    Set<String> related = new LinkedHashSet<>(relatedIds);
    related.remove(id);
    return MapDocument.builder(id, type)
        .title(title)
        .url(page.canonicalUrl())
        .origin(origin)
        .source(source)
        .sourceText(sourceText)
        .audiences(audiences)
        .audienceText(audienceText)
        .language(language(title, summary, page.text(), mainDocument))
        .published(published)
        .updated(updated)
        .reviewDue(review)
        .format(firstLine(page.get(Label.FORMAT)))
        .summary(summary)
        .keyFeatures(features)
        .impact(impact)
        .groupMember(firstLine(page.get(Label.MEMBER)))
        .labelled(labelled(page))
        .text(page.text())
        .mainDocument(mainDocument)
        .related(List.copyOf(related))
        .warnings(warnings)
        .contentHash(contentHash)
        .build();
  }

  /** Labels whose parts become fields of their own; the others are kept as written, by name. */
  private static final Set<Label> FIELDS =
      java.util.EnumSet.of(
          Label.TITLE,
          Label.IMPACT,
          Label.SOURCE,
          Label.LINK,
          Label.FORMAT,
          Label.PUBLISHED,
          Label.SUMMARY,
          Label.FEATURES,
          Label.AUDIENCE,
          Label.UPDATED,
          Label.REVIEW,
          Label.MEMBER,
          Label.STORY,
          Label.IMPACT_LIBRARY,
          Label.IMPACT_ORGANISATION,
          Label.FUTURE);

  /**
   * The page's labelled parts that no field holds, as written, by label name: what a facet of the
   * registry that reads a labelled part (a topic, say) takes its values from.
   */
  private static java.util.Map<String, String> labelled(ParsedPage page) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    page.sections()
        .forEach(
            (label, section) -> {
              if (!FIELDS.contains(label) && !section.text().isBlank()) {
                out.put(label.toString(), section.text());
              }
            });
    return out;
  }

  /**
   * A ready record (e.g. from JSON Lines) with its publisher and audience through the vocabularies.
   */
  public MapDocument normalise(MapDocument d, String contentHash, List<Unmatched> unmatched) {
    List<String> warnings = new ArrayList<>();
    String source = publisher(d.sourceText(), warnings, unmatched);
    List<String> audiences = audiences(d.audienceText(), warnings, unmatched);
    return d.toBuilder()
        .source(source)
        .audiences(audiences)
        .warnings(warnings)
        .contentHash(contentHash)
        .build();
  }

  private String publisher(String written, List<String> warnings, List<Unmatched> unmatched) {
    if (written == null || written.isBlank()) {
      return null;
    }
    Optional<String> known = vocabulary.publisher(written);
    if (known.isEmpty()) {
      warnings.add("publisher not in the vocabulary: " + written);
      unmatched.add(new Unmatched("publisher", written));
    }
    return known.orElse(written.strip());
  }

  private List<String> audiences(String written, List<String> warnings, List<Unmatched> unmatched) {
    if (written == null || written.isBlank()) {
      return List.of();
    }
    Vocabulary.AudienceMatch match = vocabulary.audienceMatch(written);
    List<String> categories = match.categories();
    if (match.fallbackOnly()) {
      // Placed by a general word alone ("public", "data"): listed for an editor to check.
      unmatched.add(new Unmatched("audience placed by a general word only", written));
    }
    if (categories.isEmpty()) {
      warnings.add("audience matches no category: " + written);
      unmatched.add(new Unmatched("audience", written));
      return List.of(written.strip());
    }
    return categories;
  }

  /** The record of a standalone document (a file no page links to as its main document). */
  public MapDocument buildStandalone(
      String id, String origin, LinkedDocument document, String contentHash) {
    Extraction e = document.extraction();
    String title = e.title() != null && !e.title().isBlank() ? e.title() : prettyName(origin);
    PartialDate created = e.created() == null ? null : day(e.created());
    PartialDate modified = e.modified() == null ? null : day(e.modified());
    MapDocument.Builder record =
        MapDocument.builder(id, DocType.DOCUMENT)
            .title(title)
            .origin(origin)
            .format(e.contentType())
            .language(e.language())
            // The file's own dates: written when it was made, changed when it was last saved.
            .published(created != null ? created : modified)
            .updated(
                created != null && modified != null && modified.start().isAfter(created.start())
                    ? modified
                    : null)
            .mainDocument(document)
            .contentHash(contentHash);
    if (e.status() != Extraction.Status.FULL) {
      record.warning(e.status().value() + (e.reason() == null ? "" : " (" + e.reason() + ")"));
    }
    return record.build();
  }

  private static PartialDate day(java.time.LocalDate date) {
    return PartialDate.day(
        date.getYear(), date.getMonthValue(), date.getDayOfMonth(), date.toString());
  }

  /**
   * The language of a page: of its own words when there are enough of them, else of its main
   * document.
   */
  private static String language(
      String title, String summary, String text, LinkedDocument mainDocument) {
    String own = Languages.detect(String.join("\n", nz(title), nz(summary), nz(text)));
    if (own != null || mainDocument == null || mainDocument.extraction() == null) {
      return own;
    }
    return mainDocument.extraction().language();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static List<String> items(ParsedPage page, Label label) {
    ParsedPage.Section s = page.sections().get(label);
    return s == null ? List.of() : s.items();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return null;
    }
    String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    return line.isEmpty() ? null : line;
  }

  private static String firstParagraph(String text) {
    return text == null || text.isBlank() ? null : Texts.lead(text, 400);
  }

  /** A title for a page that has none: its main document's, its first line, or its name. */
  private static String untitled(ParsedPage page, LinkedDocument main, String origin) {
    if (main != null && main.extraction() != null && main.extraction().title() != null) {
      return main.extraction().title();
    }
    String first = page.text() == null ? "" : Texts.lead(page.text(), 80);
    if (!first.isBlank()) {
      return first;
    }
    String url = page.canonicalUrl();
    if (url != null && url.replaceAll("/+$", "").contains("/")) {
      String last = url.replaceAll("/+$", "");
      last =
          java.net.URLDecoder.decode(
              last.substring(last.lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8);
      if (!last.isBlank()) {
        return prettyName(last);
      }
    }
    return prettyName(origin);
  }

  static String prettyName(String origin) {
    String name =
        origin.substring(origin.lastIndexOf('/') + 1).replaceFirst("\\.[A-Za-z0-9]+$", "");
    name =
        name.replace("%20", " ")
            .replace('-', ' ')
            .replace('_', ' ')
            .replaceAll("\\s+", " ")
            .strip();
    return name.isEmpty() ? origin : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
