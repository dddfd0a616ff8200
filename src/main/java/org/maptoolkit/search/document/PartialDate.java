package org.maptoolkit.search.document;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A date as precise as its source text: a day, a month or a year. {@code start} is the first day of
 * the period; the day of a month- or year-precision date is never shown as if it were known.
 */
public record PartialDate(LocalDate start, Precision precision, String text) {

  /** How much of the date the source text gave. */
  public enum Precision {
    DAY,
    MONTH,
    YEAR;

    @JsonValue
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Precision fromValue(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /** The year the date falls in. */
  public int year() {
    return start.getYear();
  }

  /** The last day of the period, for range filters and review currency. */
  public LocalDate end() {
    return switch (precision) {
      case DAY -> start;
      case MONTH -> start.plusMonths(1).minusDays(1);
      case YEAR -> start.plusYears(1).minusDays(1);
    };
  }

  /** ISO form at the date's precision: {@code 2016-12-01}, {@code 2017-01} or {@code 2018}. */
  public String iso() {
    return switch (precision) {
      case DAY -> start.toString();
      case MONTH -> start.format(DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT));
      case YEAR -> String.valueOf(start.getYear());
    };
  }

  public static PartialDate day(int year, int month, int day, String text) {
    return new PartialDate(LocalDate.of(year, month, day), Precision.DAY, text);
  }

  public static PartialDate month(int year, int month, String text) {
    return new PartialDate(LocalDate.of(year, month, 1), Precision.MONTH, text);
  }

  public static PartialDate year(int year, String text) {
    return new PartialDate(LocalDate.of(year, 1, 1), Precision.YEAR, text);
  }
}
