package org.maptoolkit.search.web.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maptoolkit.search.document.DocType;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.document.PartialDate;

/** Quoting and escaping that the sample content does not happen to need. */
class ExportsTest {
  static final MapDocument RECORD =
      MapDocument.builder("drivers:x", DocType.DRIVER)
          .title("Plans, \"priorities\" & 100% {care}")
          .source("NHS England")
          .audiences(List.of("All staff", "Clinicians"))
          .published(PartialDate.month(2019, 3, "March 2019"))
          .build();
  static final Exports.Item ITEM =
      new Exports.Item(RECORD, "A plan & more", "https://example.org/d", null);

  @Test
  void csvQuotesCellsWithCommasAndDoublesQuotes() {
    assertThat(Exports.csv(List.of(ITEM)))
        .isEqualTo(
            "id,type,title,source,audience,published,url,main_document,year,language\r\n"
                + "drivers:x,driver,\"Plans, \"\"priorities\"\" & 100% {care}\",NHS England,"
                + "All staff; Clinicians,2019-03,https://example.org/d,,2019,\r\n");
  }

  @Test
  void csvCellsThatASpreadsheetWouldRunAsFormulasAreWrittenAsText() {
    MapDocument hostile =
        MapDocument.builder("d:1", DocType.DOCUMENT)
            .title("=HYPERLINK(\"http://evil.example\",\"click\")")
            .source("+44 20 7946 0000")
            .audiences(List.of("@everyone", "-1"))
            .build();
    String csv = Exports.csv(List.of(new Exports.Item(hostile, null, "https://x.example/d", null)));
    assertThat(csv.lines().skip(1).findFirst().orElseThrow())
        .isEqualTo(
            "d:1,document,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","
                + "'+44 20 7946 0000,'@everyone; -1,,https://x.example/d,,,");
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
