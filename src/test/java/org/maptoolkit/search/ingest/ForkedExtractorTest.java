package org.maptoolkit.search.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.Extraction.Status;

class ForkedExtractorTest {
  @TempDir Path dir;

  @Test
  void extractsThroughAChildProcessAndCloseLeavesNone() throws Exception {
    Path pdf =
        TestDocuments.write(
            dir.resolve("report.pdf"), TestDocuments.pdf(TikaExtractorTest.THREE_PAGES));
    Path docx =
        TestDocuments.write(
            dir.resolve("notes.docx"), TestDocuments.docx(List.of("Notes", "More notes")));
    Path empty = Files.createFile(dir.resolve("empty.pdf"));
    ExtractionLimits limits = new ExtractionLimits(Duration.ofSeconds(30), 100_000, 10L << 20);
    assertThat(children()).isEmpty();

    ForkedExtractor closedOne;
    try (ForkedExtractor extractor = new ForkedExtractor(limits, 1, 256)) {
      closedOne = extractor;
      Extraction e = extractor.extract(pdf, "report.pdf");

      assertThat(e.status()).isEqualTo(Status.FULL);
      assertThat(e.contentType()).isEqualTo("application/pdf");
      assertThat(e.pages())
          .containsExactly(
              "Kingfisher report\nPage one about rivers.",
              "Heron estuary survey on page two.",
              "Page three: conclusions and next steps.");
      assertThat(children()).as("the worker runs as a child process").hasSize(1);
      long worker = children().getFirst().pid();

      assertThat(extractor.extract(docx, "notes.docx").pages())
          .containsExactly("Notes\nMore notes");
      assertThat(extractor.extract(empty, "empty.pdf"))
          .isEqualTo(Extraction.failed("empty file (0 bytes)"));
      assertThat(children()).as("the same worker serves every document").hasSize(1);
      assertThat(children().getFirst().pid()).isEqualTo(worker);
    }

    awaitNoChildren();
    assertThat(closedOne.extract(pdf, "report.pdf"))
        .isEqualTo(Extraction.failed("the extractor is closed"));
    assertThat(children()).isEmpty();
  }

  @Test
  void aDocumentOverItsTimeLimitIsStoppedAndTheNextOneWorks() throws Exception {
    Path slow = TestDocuments.write(dir.resolve("slow.pdf"), TestDocuments.slowPdf(2000, 200_000));
    Path good =
        TestDocuments.write(
            dir.resolve("report.pdf"), TestDocuments.pdf(TikaExtractorTest.THREE_PAGES));
    ExtractionLimits limits = new ExtractionLimits(Duration.ofSeconds(5), 100_000, 10L << 20);

    try (ForkedExtractor extractor = new ForkedExtractor(limits, 1, 256)) {
      assertThat(extractor.extract(good, "report.pdf").status()).isEqualTo(Status.FULL);
      long first = children().getFirst().pid();

      assertThat(extractor.extract(slow, "slow.pdf"))
          .isEqualTo(
              Extraction.failed(
                  "extraction took longer than 5 s of processor time and was stopped"));

      Extraction next = extractor.extract(good, "report.pdf");
      assertThat(next.status()).isEqualTo(Status.FULL);
      assertThat(next.pages()).hasSize(3);
      assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
      assertThat(children()).hasSize(1);
      assertThat(children().getFirst().pid()).as("a new worker").isNotEqualTo(first);
    }

    awaitNoChildren();
  }

  private static List<ProcessHandle> children() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
  }

  /** Killing is asynchronous: wait for the children to exit, then check none is left. */
  private static void awaitNoChildren() throws Exception {
    for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
      child.onExit().get(10, TimeUnit.SECONDS);
    }
    assertThat(children()).isEmpty();
  }
}
