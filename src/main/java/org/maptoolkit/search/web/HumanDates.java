package org.maptoolkit.search.web;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.maptoolkit.search.document.PartialDate;

/** Dates as people in the UK write them: 10 May 2018, May 2018 or 2018, as precise as known. */
final class HumanDates {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

  private HumanDates() {}

  static String of(PartialDate date) {
    if (date == null) {
      return null;
    }
    return switch (date.precision()) {
      case DAY -> DAY.format(date.start());
      case MONTH -> MONTH.format(date.start());
      case YEAR -> String.valueOf(date.year());
    };
  }
}
