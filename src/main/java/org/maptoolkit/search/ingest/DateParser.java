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
 * a {@link PartialDate} at the precision the text gives. Numeric dates are UK day-month-year. Month
 * names are also read in French, Portuguese, Spanish, Italian, German and Dutch ({@code 30 de
 * Setembro de 2025}); a date with a day and a month in words it cannot read is not parsed (and so
 * reported), never cut down to its year.
 */
public final class DateParser {
  /** Languages whose month names are read, besides English. */
  private static final List<Locale> LANGUAGES =
      List.of(
          Locale.FRENCH,
          Locale.of("pt"),
          Locale.of("es"),
          Locale.ITALIAN,
          Locale.GERMAN,
          Locale.of("nl"));

  /** Month names, folded (lower case, no accents), to their number. */
  private static final java.util.Map<String, Integer> MONTHS = months();

  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
          + otherMonths()
          + ")\\.?";

  /** A day in front of a month: "23rd", "1er", "30.", "1º". */
  private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th|er|re|º|ª|\\.)?";

  /** Words between a date's parts: "de", "del", "of". */
  private static final String LINK = "(?:\\s+(?:of|de|del|di))?";

  private static final String YEAR = "((?:19|20)\\d\\d)";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  private static final Pattern ISO =
      Pattern.compile("\\b((?:19|20)\\d\\d)-(0[1-9]|1[0-2])(?:-(\\d\\d))?(?![\\d-])", FLAGS);
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile(
          "\\b" + DAY + LINK + "\\s+" + MONTH + ",?" + LINK + "\\s+" + YEAR + "\\b", FLAGS);
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile("\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,\\s*" + YEAR + "\\b", FLAGS);
  private static final Pattern NUMERIC =
      Pattern.compile(
          "(?<![\\d.])(\\d{1,2})[./-](\\d{1,2})[./-](\\d{4}|\\d{2})(?!\\d|\\.\\d)", FLAGS);
  private static final Pattern MONTH_RANGE_YEAR =
      Pattern.compile(
          "\\b" + MONTH + "\\s*(?:/|-|–|to|and)\\s*" + MONTH + ",?\\s+" + YEAR + "\\b", FLAGS);
  private static final Pattern MONTH_YEAR =
      Pattern.compile("\\b" + MONTH + ",?" + LINK + "\\s+" + YEAR + "\\b", FLAGS);

  /** A day, then words, then a year: a date whose month is named in a language not read here. */
  private static final Pattern DAY_WORDS_YEAR =
      Pattern.compile("\\b\\d{1,2}\\.?\\s+(?:\\p{L}+\\.?,?\\s+){1,3}" + YEAR + "\\b", FLAGS);

  /** A financial or academic year such as {@code 2016/17} or {@code 2018-2019}. */
  private static final Pattern YEAR_RANGE =
      Pattern.compile(
          "(?<![\\d/.-])" + YEAR + "\\s*(?:/|-|–)\\s*(?:(?:19|20)\\d\\d|\\d\\d)(?![\\d/.-])");

  private static final Pattern YEAR_ONLY = Pattern.compile("(?<![\\d/.-])" + YEAR + "(?![\\d/.-])");

  /** One date form: its pattern, how a match becomes a date, and whether it gives only a year. */
  private record Form(
      Pattern pattern, BiFunction<Matcher, String, PartialDate> read, boolean yearOnly) {
    Form(Pattern pattern, BiFunction<Matcher, String, PartialDate> read) {
      this(pattern, read, false);
    }
  }

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
          new Form(YEAR_RANGE, (m, t) -> PartialDate.year(year(m.group(1)), t), true),
          new Form(YEAR_ONLY, (m, t) -> PartialDate.year(year(m.group(1)), t), true));

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
    if (first.yearOnly() && dayAndWordsBefore(t, firstMatch.end(1))) {
      // "30 Σεπτεμβρίου 2025" has a day and a month this parser cannot read: it is reported as
      // unparsed rather than taken for the year alone.
      return Optional.empty();
    }
    try {
      return Optional.of(first.read().apply(firstMatch, t));
    } catch (DateTimeException | NumberFormatException e) {
      // An impossible date such as 31.2.18 is not a date; the caller keeps the text and reports it.
      return Optional.empty();
    }
  }

  /** Whether the year ending at {@code yearEnd} follows a day and words: "30 Σεπτεμβρίου 2025". */
  private static boolean dayAndWordsBefore(String text, int yearEnd) {
    Matcher m = DAY_WORDS_YEAR.matcher(text);
    while (m.find()) {
      if (m.end(1) == yearEnd) {
        return true;
      }
    }
    return false;
  }

  private static int number(String digits) {
    return Integer.parseInt(digits);
  }

  private static int year(String y) {
    int year = Integer.parseInt(y);
    return y.length() == 2 ? 2000 + year : year;
  }

  private static int month(String name) {
    Integer other = MONTHS.get(fold(name.replace(".", "")));
    if (other != null) {
      return other;
    }
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

  /** Month names of the other languages, full and abbreviated, to their number. */
  private static java.util.Map<String, Integer> months() {
    java.util.Map<String, Integer> out = new java.util.HashMap<>();
    for (Locale locale : LANGUAGES) {
      java.text.DateFormatSymbols symbols = java.text.DateFormatSymbols.getInstance(locale);
      String[] full = symbols.getMonths();
      String[] abbreviated = symbols.getShortMonths();
      for (int i = 0; i < 12; i++) {
        out.putIfAbsent(fold(full[i].replace(".", "")), i + 1);
        // Short forms of three letters are English words too ("set", "mar"): only longer ones.
        String shortName = fold(abbreviated[i].replace(".", ""));
        if (shortName.length() >= 4) {
          out.putIfAbsent(shortName, i + 1);
        }
      }
    }
    // A few spellings the locale data leaves out.
    out.put("setiembre", 9);
    out.put("janner", 1);
    out.put("marz", 3);
    return java.util.Map.copyOf(out);
  }

  /** The alternatives the month pattern adds for other languages, accents allowed either way. */
  private static String otherMonths() {
    StringBuilder alternatives = new StringBuilder();
    MONTHS.keySet().stream()
        .sorted(java.util.Comparator.comparingInt(String::length).reversed())
        .forEach(
            name -> {
              StringBuilder p = new StringBuilder();
              for (int i = 0; i < name.length(); i++) {
                p.append(accented(name.charAt(i)));
              }
              alternatives.append('|').append(p);
            });
    return alternatives.toString();
  }

  /** A folded letter as a class of its accented forms ("marco" matches "março"). */
  private static String accented(char c) {
    return switch (c) {
      case 'a' -> "[aàáâãä]";
      case 'e' -> "[eèéêë]";
      case 'i' -> "[iìíîï]";
      case 'o' -> "[oòóôõö]";
      case 'u' -> "[uùúûü]";
      case 'c' -> "[cç]";
      default -> Pattern.quote(String.valueOf(c));
    };
  }

  private static String fold(String s) {
    return java.text.Normalizer.normalize(
            s.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "")
        .strip();
  }
}
