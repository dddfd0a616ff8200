package org.maptoolkit.search.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VocabularyTest {
  private final Vocabulary vocabulary = Vocabulary.bundled();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Health Education England (HEE)                         | Health Education England
          HEE                                                    | Health Education England
          Health Education England                               | Health Education England
          health education england                               | Health Education England
          The King's Fund                                        | The King's Fund
          Kings Fund                                             | The King's Fund
          The King’s Fund                                        | The King's Fund
          Department of Health & Social Care                     | Department of Health and Social Care
          Department of Health and Social Care                   | Department of Health and Social Care
          DHSC                                                   | Department of Health and Social Care
          NHS England                                            | NHS England
          NHS England & NHS Improvement                          | NHS England
          National Improvement and Leadership Development Board  | National Improvement and Leadership Development Board
          National Leadership and Improvement Board              | National Improvement and Leadership Development Board
          Care Quality Commission (CQC)                          | Care Quality Commission
          Some Trust (CQC)                                       | Care Quality Commission
          """)
  void publisherAliasesMergeIntoOneValue(String written, String canonical) {
    assertThat(vocabulary.publisher(written)).contains(canonical);
  }

  @Test
  void anUnknownPublisherIsEmpty() {
    assertThat(vocabulary.publisher("Ministry of Silly Walks")).isEmpty();
    assertThat(vocabulary.publisher("Ministry of Silly Walks (MSW)")).isEmpty();
    assertThat(vocabulary.publisher("")).isEmpty();
    assertThat(vocabulary.publisher(null)).isEmpty();
  }

  @Test
  void audiencesOfTheReferenceMapToCategories() {
    assertThat(vocabulary.audiences("All")).containsExactly("All staff");
    assertThat(
            vocabulary.audiences(
                "Senior managers in NHS organisations and partners, and the organisations making"
                    + " up the National Leadership and Improvement Board."))
        .containsExactly("Executives and senior managers");
    assertThat(
            vocabulary.audiences(
                "All NHS England organisations, particularly Executives and senior managers"))
        .containsExactly("All staff", "Executives and senior managers");
  }

  @Test
  void audiencesFallInSeveralCategoriesInFileOrder() {
    assertThat(
            vocabulary.audiences("Library and knowledge services staff, clinicians and managers"))
        .containsExactly("Library and knowledge staff", "Clinicians", "Managers and service leads");
    assertThat(vocabulary.audiences("Patients, carers and the public"))
        .containsExactly("Patients and public");
    assertThat(vocabulary.audiences("Commissioners and ICBs")).containsExactly("Commissioners");
  }

  @Test
  void aPhraseWinsOverTheWordsInsideIt() {
    // "Public health" is a category; "public" alone is the public. The longer match claims its
    // words, so the staff are not filed with patients.
    assertThat(vocabulary.audiences("Public health staff and policy makers"))
        .containsExactly("Public health and local government");
    assertThat(vocabulary.audiences("Integrated care boards and their partners"))
        .containsExactly("Commissioners");
    // Words match as words: "publicly" is not "public".
    assertThat(vocabulary.audiences("Publicly funded providers")).isEmpty();
    // A text placed by general words alone is said to be, for an editor to check.
    Vocabulary.AudienceMatch general = vocabulary.audienceMatch("Data protection officers");
    assertThat(general.categories()).containsExactly("Digital and data teams");
    assertThat(general.fallbackOnly()).isTrue();
    assertThat(vocabulary.audienceMatch("Digital teams and informatics leads").fallbackOnly())
        .isFalse();
  }

  @Test
  void anAudienceThatMatchesNothingHasNoCategory() {
    assertThat(vocabulary.audiences("Astronauts")).isEmpty();
    assertThat(vocabulary.audiences("  ")).isEmpty();
    assertThat(vocabulary.audiences(null)).isEmpty();
  }

  @Test
  void aFolderOverridesTheBundledFiles(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("publishers.tsv"),
        "# a local list\nNorth West LKS\tNW LKS\tLKS North West\n\nHealth Education England\tHEE\n");
    Files.writeString(
        dir.resolve("audiences.tsv"), "# local\nEveryone\t^all$\nBoffins\t\\bscientists?\\b\n");

    Vocabulary local = Vocabulary.load(dir);

    assertThat(local.publisher("LKS North West")).contains("North West LKS");
    assertThat(local.publisher("nw lks")).contains("North West LKS");
    assertThat(local.publisher("HEE")).contains("Health Education England");
    // The local list replaces the bundled one; it does not add to it.
    assertThat(local.publisher("DHSC")).isEmpty();
    assertThat(local.audiences("All")).containsExactly("Everyone");
    assertThat(local.audiences("Data scientists")).containsExactly("Boffins");
    assertThat(local.audiences("Senior managers")).isEmpty();
  }

  @Test
  void aMissingFileInTheFolderFallsBackToTheBundledOne(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("audiences.tsv"), "Everyone\t^all$\n");

    Vocabulary local = Vocabulary.load(dir);

    assertThat(local.publisher("DHSC")).contains("Department of Health and Social Care");
    assertThat(local.audiences("All")).containsExactly("Everyone");
  }

  @Test
  void aBadPatternNamesItsLine(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("audiences.tsv"), "# comment\nEveryone\t^all$\n\nBroken\t(unclosed\n");

    assertThatThrownBy(() -> Vocabulary.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("audiences.tsv line 4")
        .hasMessageContaining("(unclosed");
  }

  @Test
  void aByteOrderMarkFromAnEditorIsNotPartOfTheFirstName(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("publishers.tsv"), "\uFEFFNorth West LKS\tNW LKS\n");
    Files.writeString(dir.resolve("audiences.tsv"), "\uFEFFEveryone\t^all$\n");

    Vocabulary local = Vocabulary.load(dir);

    assertThat(local.publisher("NW LKS")).contains("North West LKS");
    assertThat(local.audiences("all")).containsExactly("Everyone");
  }

  @Test
  void aSpellingGivenToTwoPublishersNamesItsLine(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("publishers.tsv"), "# list\nNHS England\tNHSE\nNHS Digital\tNHSE\n");

    assertThatThrownBy(() -> Vocabulary.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publishers.tsv line 3: 'NHSE' is already a name of NHS England");
  }

  @Test
  void anAudienceLineWithoutPatternsNamesItsLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("audiences.tsv"), "Everyone\t^all$\nNobody\n");

    assertThatThrownBy(() -> Vocabulary.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("audiences.tsv line 2:");
  }
}
