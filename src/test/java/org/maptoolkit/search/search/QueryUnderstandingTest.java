package org.maptoolkit.search.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.maptoolkit.search.Fixtures;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.TikaExtractor;
import org.maptoolkit.search.ingest.Vocabulary;

/**
 * Acronyms and synonyms from the shipped file, British and American spellings, and query syntax
 * with its fallback, on a real index of pages that each use only one form.
 */
class QueryUnderstandingTest {
  @TempDir static Path dir;
  static IndexStore store;
  static SearchService search;

  @BeforeAll
  static void index() throws IOException {
    String[][] pages = {
      {
        "stp-words", "Local plans", "Every sustainability and transformation plan names its leader."
      },
      {"stp-acronym", "Footprints", "Each STP covers a footprint."},
      {"hee-words", "Workforce", "Health Education England funds training."},
      {"kfh-acronym", "Framework", "KfH sets out the direction for services."},
      {"lks-words", "Services", "Library and knowledge services support decisions."},
      {"fyfv-acronym", "Forward view", "The FYFV describes new care models."},
      {"ics-words", "Systems", "An integrated care system joins up local care."},
      {"icb-acronym", "Boards", "The ICB commissions most services."},
      {"organisation", "Culture", "Every organisation needs a learning culture."},
      {"pediatric", "Children", "Pediatric wards need specialist staff."},
      {"phrase", "Order", "Knowledge management matters; management of knowledge differs."},
    };
    Path site = dir.resolve("site");
    for (String[] p : pages) {
      Fixtures.write(
          site.resolve("drivers/" + p[0] + ".html"),
          Fixtures.driver(p[1], "NHS England", "All", "2020", "https://example.org", p[2]));
    }
    store = IndexStore.open(dir.resolve("index"));
    try (TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT)) {
      new Ingester(store, extractor, Vocabulary.bundled(), null, 2)
          .ingest(Source.open(site), true, Ingester.Progress.NONE);
    }
    search =
        new SearchService(store, Analysis.queryAnalyzer(Vocabulary.resourceLines("synonyms.txt")));
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  static List<String> ids(String q) {
    return search
        .search(new SearchRequest(q, null, SearchRequest.Sort.RELEVANCE, 1, 20))
        .hits()
        .stream()
        .map(SearchResult.Hit::id)
        .sorted()
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "STP|drivers:stp-acronym,drivers:stp-words",
        "sustainability and transformation plan|drivers:stp-acronym,drivers:stp-words",
        "HEE|drivers:hee-words",
        "knowledge for healthcare|drivers:kfh-acronym",
        "LKS|drivers:lks-words",
        "five year forward view|drivers:fyfv-acronym",
        "ICS|drivers:ics-words",
        "integrated care board|drivers:icb-acronym",
        "organization|drivers:organisation",
        "paediatric|drivers:pediatric",
      })
  void eitherFormFindsBoth(String query, String expected) {
    assertThat(ids(query)).containsExactly(expected.split(","));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"knowledge management\"|drivers:phrase|false",
        "title:footprints|drivers:stp-acronym|false",
        "wards AND specialist|drivers:pediatric|false",
        "culture OR footprint|drivers:organisation,drivers:stp-acronym|false",
        "culture NOT learning|''|false",
        "footprint -STP|''|false",
        "\"unclosed phrase|''|true",
        "title:(|''|true",
        // The API refuses a leading wildcard; the service itself searches the plain word.
        "*ward|drivers:pediatric|true",
        "/ward.*/|''|false",
      })
  void querySyntaxWorksAndInvalidSyntaxFallsBack(String query, String expected, boolean fallback) {
    SearchResult result =
        search.search(new SearchRequest(query, null, SearchRequest.Sort.RELEVANCE, 1, 20));

    assertThat(result.queryFallback()).isEqualTo(fallback);
    // '' in a row: the query must find nothing (each such row is checked against the pages above).
    assertThat(ids(query))
        .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(",")));
  }
}
