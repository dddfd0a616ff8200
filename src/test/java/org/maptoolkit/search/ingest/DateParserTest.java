package org.maptoolkit.search.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.maptoolkit.search.document.PartialDate;
import org.maptoolkit.search.document.PartialDate.Precision;

class DateParserTest {
  private final DateParser parser = new DateParser();

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1 December 2016                          | 2016-12-01 | DAY
          23rd March 2017                          | 2017-03-23 | DAY
          2nd July 2019                            | 2019-07-02 | DAY
          1st January 2020                         | 2020-01-01 | DAY
          22nd Sept 2021                           | 2021-09-22 | DAY
          4 of May 2018                            | 2018-05-04 | DAY
          March 5th, 2019                          | 2019-03-05 | DAY
          January 2017                             | 2017-01    | MONTH
          February 2017                            | 2017-02    | MONTH
          Feb 2018                                 | 2018-02    | MONTH
          Sept. 2015                               | 2015-09    | MONTH
          11.1.18                                  | 2018-01-11 | DAY
          05/03/2019                               | 2019-03-05 | DAY
          5-3-2019                                 | 2019-03-05 | DAY
          2018                                     | 2018       | YEAR
          Oct/Nov 2016                             | 2016-10    | MONTH
          Oct / Nov 2016                           | 2016-10    | MONTH
          October to December 2020                 | 2020-10    | MONTH
          All STPs were published in Oct/Nov 2016  | 2016-10    | MONTH
          Published on 4 March 2020 by NHS England | 2020-03-04 | DAY
          Published in 2014 by NHS England         | 2014       | YEAR
          2016-12-01                               | 2016-12-01 | DAY
          2016-12                                  | 2016-12    | MONTH
          DECEMBER 2016                            | 2016-12    | MONTH
          Date of publication: 11.1.18.            | 2018-01-11 | DAY
          2016/17                                  | 2016       | YEAR
          March 2017, revised 4 April 2018         | 2017-03    | MONTH
          Reviewed 2019 after 1 December 2016      | 2019       | YEAR
          From 11.1.18 to 31 March 2018            | 2018-01-11 | DAY
          Plans for 2018-2019                      | 2018       | YEAR
          Five Year Forward View 2014-15           | 2014       | YEAR
          30 de Setembro de 2025                   | 2025-09-30 | DAY
          30 septembre 2025                        | 2025-09-30 | DAY
          1er janvier 2020                         | 2020-01-01 | DAY
          15. März 2021                            | 2021-03-15 | DAY
          12 de marzo de 2019                      | 2019-03-12 | DAY
          3 maggio 2018                            | 2018-05-03 | DAY
          Setembro de 2025                         | 2025-09    | MONTH
          Août 2016                                | 2016-08    | MONTH
          We set 2020 targets                      | 2020       | YEAR
          """)
  void readsEveryFormAtItsPrecision(String text, String iso, Precision precision) {
    PartialDate date = parser.parse(text).orElseThrow();

    assertThat(date.iso()).isEqualTo(iso);
    assertThat(date.precision()).isEqualTo(precision);
    assertThat(date.text()).isEqualTo(text.strip());
  }

  @Test
  void aDayDateIsThatDay() {
    assertThat(parser.parse("1 December 2016"))
        .contains(new PartialDate(LocalDate.of(2016, 12, 1), Precision.DAY, "1 December 2016"));
  }

  @Test
  void aMonthDateNeverInventsADay() {
    PartialDate date = parser.parse("January 2017").orElseThrow();

    assertThat(date)
        .isEqualTo(new PartialDate(LocalDate.of(2017, 1, 1), Precision.MONTH, "January 2017"));
    assertThat(date.iso()).isEqualTo("2017-01").doesNotContain("-01-");
    assertThat(date.end()).isEqualTo(LocalDate.of(2017, 1, 31));
  }

  @Test
  void aMonthRangeStartsInItsFirstMonthWithoutADay() {
    PartialDate date = parser.parse("All STPs were published in Oct/Nov 2016").orElseThrow();

    assertThat(date.precision()).isEqualTo(Precision.MONTH);
    assertThat(date.start()).isEqualTo(LocalDate.of(2016, 10, 1));
    assertThat(date.iso()).isEqualTo("2016-10");
  }

  @Test
  void aYearDateNeverInventsAMonthOrDay() {
    PartialDate date = parser.parse("2018").orElseThrow();

    assertThat(date).isEqualTo(new PartialDate(LocalDate.of(2018, 1, 1), Precision.YEAR, "2018"));
    assertThat(date.iso()).isEqualTo("2018");
    assertThat(date.end()).isEqualTo(LocalDate.of(2018, 12, 31));
  }

  @Test
  void numericDatesAreUkDayMonthYear() {
    assertThat(parser.parse("11.1.18").map(PartialDate::start)).contains(LocalDate.of(2018, 1, 11));
    assertThat(parser.parse("05/03/2019").map(PartialDate::start))
        .contains(LocalDate.of(2019, 3, 5));
    // 13 cannot be a month, so 1/13/2019 (US order) is not read as 13 January.
    assertThat(parser.parse("1/13/2019")).isEmpty();
  }

  @Test
  void aNonBreakingSpaceFromHtmlIsASpace() {
    assertThat(parser.parse("1\u00a0December\u00a02016").map(PartialDate::iso))
        .contains("2016-12-01");
    assertThat(parser.parse("\u00a0January 2017\u00a0").map(PartialDate::iso)).contains("2017-01");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "TBC",
        "see note",
        "31.2.18",
        "30 February 2019",
        "2016-13-01",
        "",
        "  ",
        "n/a",
        // A day and a month in a language not read: reported as unparsed, not cut to the year.
        "30 Σεπτεμβρίου 2025",
        "5 сентября 2024 г."
      })
  void unparseableTextIsEmpty(String text) {
    assertThat(parser.parse(text)).isEmpty();
  }

  @Test
  void nullIsEmpty() {
    assertThat(parser.parse(null)).isEqualTo(Optional.empty());
  }
}
