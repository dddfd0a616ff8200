package org.maptoolkit.search.document;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A facet: a way to narrow a search by a record's values (publisher, audience, type, year,
 * language, review currency). This is the one registry of facets: the index, the search, the API
 * and its OpenAPI description, the search page, the widget, the command line and the exports all
 * read {@link #ALL}, so a new facet is a new entry here plus the extraction of its value.
 *
 * @param name the API parameter, the index dimension and the JSON key ({@code source})
 * @param label what the search page calls it ({@code Publisher})
 * @param description one sentence for the API description and the command line's help
 * @param multiValued whether a record may have several values
 * @param order how its values are listed
 * @param closedValues the only values it can take, in the order shown; empty when open
 * @param valuePattern what a value must look like, or null
 * @param expected what a value must look like in words, for error messages (with a pattern)
 * @param values a record's values; null for a facet computed at search time (review currency)
 * @param display a value as people read it ({@code ru} as {@code Russian})
 */
public record Facet(
    String name,
    String label,
    String description,
    boolean multiValued,
    Order order,
    List<String> closedValues,
    Pattern valuePattern,
    String expected,
    Function<MapDocument, List<String>> values,
    Function<String, String> display) {

  /** How a facet's values are listed. */
  public enum Order {
    /** Most frequent first, ties by value. */
    COUNT,
    /** Greatest value first (years: newest first). */
    VALUE_DESCENDING,
    /** As {@link Facet#closedValues} lists them. */
    FIXED
  }

  public Facet {
    closedValues = List.copyOf(closedValues);
  }

  /** The publisher, through the publishers vocabulary. */
  public static final Facet SOURCE =
      new Facet(
          "source",
          "Publisher",
          "Publisher of the policy document, e.g. NHS England (one name for its spellings).",
          true,
          Order.COUNT,
          List.of(),
          null,
          null,
          d -> one(d.source()),
          Function.identity());

  /** Who the item is for, as audience categories. */
  public static final Facet AUDIENCE =
      new Facet(
          "audience",
          "Audience",
          "Primary audience category, e.g. Library and knowledge staff.",
          true,
          Order.COUNT,
          List.of(),
          null,
          null,
          MapDocument::audiences,
          Function.identity());

  /** Driver, MAP Story, news, meeting notes or a document on its own. */
  public static final Facet TYPE =
      new Facet(
          "type",
          "Type",
          "Kind of item: driver, story, news, meeting or document.",
          false,
          Order.COUNT,
          Arrays.stream(DocType.values()).map(DocType::value).toList(),
          null,
          null,
          d -> List.of(d.type().value()),
          v -> DocType.parse(v).map(DocType::label).orElse(v));

  /** The year of publication. */
  public static final Facet YEAR =
      new Facet(
          "year",
          "Year",
          "Year of publication, four digits.",
          false,
          Order.VALUE_DESCENDING,
          List.of(),
          Pattern.compile("(19|20)\\d\\d"),
          "a four-digit year",
          d -> d.published() == null ? List.of() : List.of(String.valueOf(d.published().year())),
          Function.identity());

  /** The main language of the text. */
  public static final Facet LANGUAGE =
      new Facet(
          "language",
          "Language",
          "Main language of the text, as an ISO 639-1 code (en, fr, ru...).",
          false,
          Order.COUNT,
          List.of(),
          Pattern.compile("[a-z]{2,3}"),
          "a language code such as en or fr",
          d -> one(d.language()),
          Facet::languageName);

  /** Review currency on the day of the search: computed when searching, not stored. */
  public static final Facet REVIEW =
      new Facet(
          "review",
          "Review",
          "Review currency today: current, due-soon (within 3 months) or overdue.",
          false,
          Order.FIXED,
          List.of("current", "due-soon", "overdue"),
          null,
          null,
          null,
          v ->
              switch (v) {
                case "current" -> "Current";
                case "due-soon" -> "Due for review within 3 months";
                case "overdue" -> "Overdue for review";
                default -> v;
              });

  /** Every facet, in the order the API and the page list them. */
  public static final List<Facet> ALL = List.of(SOURCE, AUDIENCE, TYPE, YEAR, LANGUAGE, REVIEW);

  /** The facets whose values the index stores (all but those computed at search time). */
  public static final List<Facet> INDEXED = ALL.stream().filter(f -> f.values() != null).toList();

  /** The facet called {@code name}, if any. */
  public static Optional<Facet> named(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Whether the index stores this facet's values (false: computed when searching). */
  public boolean indexed() {
    return values != null;
  }

  /**
   * The value to filter by for what a user gave: a closed facet's value whatever its case; empty
   * when the value cannot be one of this facet's. Open facets are matched against the index.
   */
  public Optional<String> accept(String given) {
    String v = given.strip();
    if (!closedValues.isEmpty()) {
      return closedValues.stream().filter(c -> c.equalsIgnoreCase(v)).findFirst();
    }
    if (valuePattern != null && !valuePattern.matcher(v).matches()) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  /**
   * A facet whose values are a labelled part of the page with no field of its own (e.g. a "Topic:"
   * part), split at semicolons, commas and line breaks.
   */
  public static Facet fromLabelledPart(String name, String label, String description) {
    return new Facet(
        name,
        label,
        description,
        true,
        Order.COUNT,
        List.of(),
        null,
        null,
        d -> split(d.labelled().get(name)),
        Function.identity());
  }

  private static List<String> one(String value) {
    return value == null || value.isBlank() ? List.of() : List.of(value);
  }

  private static List<String> split(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split("[;,\\n]"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String languageName(String code) {
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.UK);
    return name.isEmpty() || name.equalsIgnoreCase(code) ? code : name;
  }

  @Override
  public String toString() {
    return name;
  }
}
