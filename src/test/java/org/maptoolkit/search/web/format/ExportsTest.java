package org.maptoolkit.search.web.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maptoolkit.search.search.SearchResult;

/** Quoting and escaping that the sample content does not happen to need. */
class ExportsTest {
  static final SearchResult.Hit HIT =
      new SearchResult.Hit(
          "drivers:x",
          "driver",
          "Plans, \"priorities\" & 100% {care}",
          null,
          "NHS England",
          List.of("All staff", "Clinicians"),
          "2019-03",
          null,
          null,
          "A <mark>plan</mark> &amp; more",
          "summary",
          null,
          null,
          false,
          null,
          1f);
  static final Exports.Item ITEM = new Exports.Item(HIT, "https://example.org/d", null);

  @Test
  void csvQuotesCellsWithCommasAndDoublesQuotes() {
    assertThat(Exports.csv(List.of(ITEM)))
        .isEqualTo(
            "id,type,title,source,audience,published,url,main_document\r\n"
                + "drivers:x,driver,\"Plans, \"\"priorities\"\" & 100% {care}\",NHS England,"
                + "All staff; Clinicians,2019-03,https://example.org/d,\r\n");
  }

  @Test
  void bibtexEscapesSpecialCharactersAndKeepsMonthPrecision() {
    assertThat(Exports.bibtex(List.of(ITEM)))
        .isEqualTo(
            """
            @techreport{drivers_x,
              title = {{Plans, "priorities" \\& 100\\% \\{care\\}}},
              author = {{NHS England}},
              institution = {NHS England},
              year = {2019},
              month = {mar},
              url = {https://example.org/d},
              note = {MAP Toolkit driver; https://example.org/d}
            }

            """);
  }

  @Test
  void risLeavesUnknownDatePartsEmptyAndAbstractIsPlainText() {
    assertThat(Exports.ris(List.of(ITEM)))
        .contains("DA  - 2019/03//\r\n")
        .contains("AB  - A plan & more\r\n");
  }
}
