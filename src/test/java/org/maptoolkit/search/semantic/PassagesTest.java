package org.maptoolkit.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.maptoolkit.search.document.DocType;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.semantic.Passage.Section;

/** Records cut by the model's own tokenizer, and by words when it is not there. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassagesTest {
  private Embedder embedder;
  private WordPieces tokenizer;
  private Passages passages;

  @BeforeAll
  void load() {
    embedder = Models.load();
    tokenizer = (WordPieces) embedder.tokens();
    passages = new Passages(embedder.tokens(), Passages.Settings.defaults());
  }

  @AfterAll
  void close() {
    embedder.close();
  }

  /** A long text of numbered sentences: ~{@code sentences * 14} tokens. */
  static String longText(int sentences) {
    return IntStream.range(0, sentences)
        .mapToObj(
            i ->
                "Sentence "
                    + i
                    + " says the integrated care board reviewed waiting lists in district "
                    + (i % 7)
                    + ".")
        .collect(Collectors.joining(" "));
  }

  static MapDocument pdfRecord(String title, List<String> pages) {
    return MapDocument.builder("report", DocType.DOCUMENT)
        .title(title)
        .summary("A short summary of the annual report.")
        .text("The page that links to the report.")
        .mainDocument(
            new LinkedDocument(
                "Annual report",
                "report.pdf",
                "report.pdf",
                new Extraction(Extraction.Status.FULL, null, "application/pdf", title, pages, 100)))
        .build();
  }

  @Test
  void aShortRecordGivesOnePassagePerSectionEachWithItsTitleAndPage() {
    List<Passage> cut =
        passages.of(pdfRecord("Annual report 2024", List.of("Finance.", "Vaccination.", "Staff.")));

    assertThat(cut)
        .extracting(Passage::section, Passage::page)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Section.SUMMARY, 0),
            org.assertj.core.groups.Tuple.tuple(Section.BODY, 0),
            org.assertj.core.groups.Tuple.tuple(Section.PAGE, 1),
            org.assertj.core.groups.Tuple.tuple(Section.PAGE, 2),
            org.assertj.core.groups.Tuple.tuple(Section.PAGE, 3));
    assertThat(cut.get(3).text()).isEqualTo("Annual report 2024\nVaccination.");
    assertThat(cut.get(0).text())
        .isEqualTo("Annual report 2024\nA short summary of the annual report.");
  }

  @Test
  void aLongPageBecomesOverlappingWindowsThatFitTheModelAndCoverEveryWord() {
    String page = longText(150);
    String title = "Waiting list review";
    List<Passage> cut =
        passages.of(pdfRecord(title, List.of("Cover.", page))).stream()
            .filter(p -> p.page() == 2)
            .toList();

    assertThat(tokenizer.count(page)).isGreaterThan(1500);
    assertThat(cut).hasSizeGreaterThanOrEqualTo(4);
    for (Passage p : cut) {
      // The title and the passage within the window, with room for [CLS] and [SEP].
      assertThat(tokenizer.count(p.text())).isLessThanOrEqualTo(Embedder.MAX_TOKENS - 2);
      assertThat(p.text()).startsWith(title + "\n");
      assertThat(p.text().substring(title.length() + 1))
          .isEqualTo(page.substring(p.start(), p.end()));
    }
    assertThat(cut.get(0).start()).isZero();
    assertThat(cut.get(cut.size() - 1).end()).isEqualTo(page.length());
    for (int i = 1; i < cut.size(); i++) {
      Passage before = cut.get(i - 1);
      Passage next = cut.get(i);
      // Each window repeats the end of the one before, starting on a word.
      assertThat(next.start()).isLessThan(before.end()).isGreaterThan(before.start());
      assertThat(Character.isWhitespace(page.charAt(next.start() - 1))).isTrue();
      // A full window ends at a sentence end when one is near.
      assertThat(before.text()).endsWith(".");
    }
  }

  @Test
  void aLongTitleIsCutSoThePassageKeepsMostOfTheWindow() {
    String title = "word ".repeat(200).strip();
    Passage p = passages.of(pdfRecord(title, List.of("Page text."))).get(0);

    assertThat(tokenizer.count(p.text().substring(0, p.text().indexOf('\n')))).isEqualTo(48);
  }

  @Test
  void theSameWordsTwiceAreOnePassage() {
    List<Passage> cut = passages.of(pdfRecord("T", List.of("Running header", "Running header")));

    assertThat(cut).extracting(Passage::page).containsExactly(0, 0, 1);
  }

  @Test
  void aRecordWithoutTextHasNoPassages() {
    assertThat(passages.of(MapDocument.builder("empty", DocType.NEWS).build())).isEmpty();
  }

  @Test
  void withoutTheTokenizerWindowsAreCountedInWordsAtHalfTheSize() {
    Passages byWords = Passages.byWords(Passages.Settings.defaults());
    String page = longText(150);
    List<Passage> cut =
        byWords.of(pdfRecord("Review", List.of(page))).stream()
            .filter(p -> p.section() == Section.PAGE)
            .toList();

    assertThat(cut).hasSizeGreaterThan(4);
    for (Passage p : cut) {
      assertThat(p.text().split("\\s+")).hasSizeLessThanOrEqualTo(255);
      assertThat(p.page()).isEqualTo(1);
      assertThat(tokenizer.count(p.text())).isLessThanOrEqualTo(Embedder.MAX_TOKENS - 2);
    }
  }
}
