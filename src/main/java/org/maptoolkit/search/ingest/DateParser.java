package org.maptoolkit.search.ingest;

import java.time.DateTimeException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maptoolkit.search.document.PartialDate;

/**
 * Reads the date forms the toolkit's editors write ({@code 1 December 2016}, {@code 23rd March
 * 2017}, {@code January 2017}, {@code 11.1.18}, {@code Oct/Nov 2016}, a sentence holding one) into
 * a {@link PartialDate} at the precision the text gives. Numeric dates are UK day-month-year.
 */
public final class DateParser {
  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final String YEAR = "((?:19|20)\\d\\d)";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  private static final Pattern ISO =
      Pattern.compile("\\b((?:19|20)\\d\\d)-(0[1-9]|1[0-2])(?:-(\\d\\d))?(?![\\d-])", FLAGS);
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+" + MONTH + ",?\\s+" + YEAR + "\\b", FLAGS);
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile("\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,\\s*" + YEAR + "\\b", FLAGS);
  private static final Pattern NUMERIC =
      Pattern.compile(
          "(?<![\\d.])(\\d{1,2})[./-](\\d{1,2})[./-](\\d{4}|\\d{2})(?!\\d|\\.\\d)", FLAGS);
  private static final Pattern MONTH_RANGE_YEAR =
      Pattern.compile(
          "\\b" + MONTH + "\\s*(?:/|-|–|to|and)\\s*" + MONTH + ",?\\s+" + YEAR + "\\b", FLAGS);
  private static final Pattern MONTH_YEAR =
      Pattern.compile("\\b" + MONTH + ",?\\s+" + YEAR + "\\b", FLAGS);

  /** A financial or academic year such as {@code 2016/17} or {@code 2018-2019}. */
  private static final Pattern YEAR_RANGE =
      Pattern.compile(
          "(?<![\\d/.-])" + YEAR + "\\s*(?:/|-|–)\\s*(?:(?:19|20)\\d\\d|\\d\\d)(?![\\d/.-])");

  private static final Pattern YEAR_ONLY = Pattern.compile("(?<![\\d/.-])" + YEAR + "(?![\\d/.-])");

  /** One date form: its pattern and how a match becomes a date. */
  private record Form(Pattern pattern, BiFunction<Matcher, String, PartialDate> read) {}

  /** The forms, most specific first: of two matches at the same place, the earlier form wins. */
  private static final List<Form> FORMS =
      List.of(
          new Form(
              ISO,
              (m, t) ->
                  m.group(3) == null
                      ? PartialDate.month(number(m.group(1)), number(m.group(2)), t)
                      : PartialDate.day(
                          number(m.group(1)), number(m.group(2)), number(m.group(3)), t)),
          new Form(
              DAY_MONTH_YEAR,
              (m, t) ->
                  PartialDate.day(year(m.group(3)), month(m.group(2)), number(m.group(1)), t)),
          new Form(
              MONTH_DAY_YEAR,
              (m, t) ->
                  PartialDate.day(year(m.group(3)), month(m.group(1)), number(m.group(2)), t)),
          new Form(
              NUMERIC,
              (m, t) ->
                  PartialDate.day(year(m.group(3)), number(m.group(2)), number(m.group(1)), t)),
          // "Oct/Nov 2016": the period starts in the first month; the day stays unknown.
          new Form(
              MONTH_RANGE_YEAR,
              (m, t) -> PartialDate.month(year(m.group(3)), month(m.group(1)), t)),
          new Form(MONTH_YEAR, (m, t) -> PartialDate.month(year(m.group(2)), month(m.group(1)), t)),
          // "2016/17" is a period that starts in its first year; nothing finer is known.
          new Form(YEAR_RANGE, (m, t) -> PartialDate.year(year(m.group(1)), t)),
          new Form(YEAR_ONLY, (m, t) -> PartialDate.year(year(m.group(1)), t)));

  /**
   * Parses the first date in {@code text} (the one that starts earliest, so "March 2017, revised 4
   * April 2018" is March 2017); empty when the text holds none, or when that first date is
   * impossible (31.2.18).
   */
  public Optional<PartialDate> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    // jsoup gives &nbsp; as U+00A0, which neither \s nor strip() treats as a space.
    String t = text.replace('\u00A0', ' ').strip();
    Form first = null;
    Matcher firstMatch = null;
    for (Form form : FORMS) {
      Matcher m = form.pattern().matcher(t);
      if (m.find() && (firstMatch == null || m.start() < firstMatch.start())) {
        first = form;
        firstMatch = m;
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(first.read().apply(firstMatch, t));
    } catch (DateTimeException | NumberFormatException e) {
      // An impossible date such as 31.2.18 is not a date; the caller keeps the text and reports it.
      return Optional.empty();
    }
  }

  private static int number(String digits) {
    return Integer.parseInt(digits);
  }

  private static int year(String y) {
    int year = Integer.parseInt(y);
    return y.length() == 2 ? 2000 + year : year;
  }

  private static int month(String name) {
    String m = name.toLowerCase(Locale.ROOT).substring(0, 3);
    return switch (m) {
      case "jan" -> 1;
      case "feb" -> 2;
      case "mar" -> 3;
      case "apr" -> 4;
      case "may" -> 5;
      case "jun" -> 6;
      case "jul" -> 7;
      case "aug" -> 8;
      case "sep" -> 9;
      case "oct" -> 10;
      case "nov" -> 11;
      case "dec" -> 12;
      default -> throw new DateTimeException("not a month: " + name);
    };
  }
}
