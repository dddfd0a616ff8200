package org.maptoolkit.search.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.Extraction.Status;

class TikaExtractorTest {
  static final List<List<String>> THREE_PAGES =
      List.of(
          List.of("Kingfisher report", "Page one about rivers."),
          List.of("Heron estuary survey on page two."),
          List.of("Page three: conclusions and next steps."));

  @TempDir Path dir;
  private final TikaExtractor extractor =
      new TikaExtractor(new ExtractionLimits(Duration.ofSeconds(30), 100_000, 10L << 20));

  @AfterEach
  void close() {
    extractor.close();
  }

  @Test
  void aThreePagePdfKeepsItsPages() throws Exception {
    Path file = TestDocuments.write(dir.resolve("report.pdf"), TestDocuments.pdf(THREE_PAGES));

    Extraction e = extractor.extract(file, "report.pdf");

    assertThat(e.status()).isEqualTo(Status.FULL);
    assertThat(e.reason()).isNull();
    assertThat(e.contentType()).isEqualTo("application/pdf");
    assertThat(e.pages())
        .containsExactly(
            "Kingfisher report\nPage one about rivers.",
            "Heron estuary survey on page two.",
            "Page three: conclusions and next steps.");
    assertThat(e.characters()).isEqualTo(e.pages().stream().mapToLong(String::length).sum());
  }

  @Test
  void anImageOnlyPdfHasNoText() throws Exception {
    Path file = TestDocuments.write(dir.resolve("scan.pdf"), TestDocuments.imageOnlyPdf());

    Extraction e = extractor.extract(file, "scan.pdf");

    assertThat(e.status()).isEqualTo(Status.NO_TEXT);
    assertThat(e.reason()).isEqualTo("no text layer (a scanned PDF): OCR is turned off");
    assertThat(e.pages()).isEmpty();
    assertThat(e.characters()).isZero();
  }

  @Test
  void anEncryptedPdfFailsAsEncrypted() throws Exception {
    Path file =
        TestDocuments.write(dir.resolve("locked.pdf"), TestDocuments.encryptedPdf(THREE_PAGES));

    Extraction e = extractor.extract(file, "locked.pdf");

    assertThat(e.status()).isEqualTo(Status.FAILED);
    assertThat(e.reason()).startsWith("encrypted");
    assertThat(e.pages()).isEmpty();
  }

  @Test
  void aTruncatedPdfFailsWithAReason() throws Exception {
    byte[] whole = TestDocuments.pdf(THREE_PAGES);
    Path file = TestDocuments.write(dir.resolve("cut.pdf"), Arrays.copyOf(whole, 120));

    Extraction e = extractor.extract(file, "cut.pdf");

    assertThat(e.status()).isEqualTo(Status.FAILED);
    assertThat(e.reason()).startsWith("cannot parse (");
    assertThat(e.pages()).isEmpty();
  }

  @Test
  void anEmptyFileFails() throws Exception {
    Path file = Files.createFile(dir.resolve("empty.pdf"));

    assertThat(extractor.extract(file, "empty.pdf"))
        .isEqualTo(Extraction.failed("empty file (0 bytes)"));
  }

  @Test
  void aFileOverTheSizeLimitIsNotParsed() throws Exception {
    Path file = TestDocuments.write(dir.resolve("report.pdf"), TestDocuments.pdf(THREE_PAGES));
    long size = Files.size(file);
    try (TikaExtractor small =
        new TikaExtractor(new ExtractionLimits(Duration.ofSeconds(30), 100_000, size - 1))) {
      assertThat(small.extract(file, "report.pdf"))
          .isEqualTo(
              Extraction.failed("file is " + size + " bytes, over the limit of " + (size - 1)));
    }
  }

  @Test
  void aDocxGivesItsText() throws Exception {
    Path file =
        TestDocuments.write(
            dir.resolve("minutes.docx"),
            TestDocuments.docx(List.of("Minutes of the group", "Actions: update the toolkit.")));

    Extraction e = extractor.extract(file, "minutes.docx");

    assertThat(e.status()).isEqualTo(Status.FULL);
    assertThat(e.contentType())
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(e.pages()).containsExactly("Minutes of the group\nActions: update the toolkit.");
  }

  @Test
  void aFileWhoseExtensionLiesIsReadForWhatItIs() throws Exception {
    Path file = TestDocuments.write(dir.resolve("report.docx"), TestDocuments.pdf(THREE_PAGES));

    Extraction e = extractor.extract(file, "report.docx");

    assertThat(e.status()).isEqualTo(Status.FULL);
    assertThat(e.contentType()).isEqualTo("application/pdf");
    assertThat(e.pages()).hasSize(3);
    assertThat(e.pages().get(1)).isEqualTo("Heron estuary survey on page two.");
  }

  @Test
  void theCharacterCapGivesAPartialExtractionThatSaysSo() throws Exception {
    String line = "Evidence into practice for every NHS library service in England. ";
    List<String> lines = java.util.Collections.nCopies(12, line.strip());
    // 3 pages of about 780 characters each: the cap of 1000 falls in the second page.
    Path file =
        TestDocuments.write(
            dir.resolve("long.pdf"), TestDocuments.pdf(List.of(lines, lines, lines)));
    try (TikaExtractor capped =
        new TikaExtractor(new ExtractionLimits(Duration.ofSeconds(30), 1000, 10L << 20))) {

      Extraction e = capped.extract(file, "long.pdf");

      assertThat(e.status()).isEqualTo(Status.PARTIAL);
      assertThat(e.reason()).isEqualTo("text cut at 1000 characters (the extraction cap)");
      assertThat(e.pages()).hasSize(2);
      assertThat(e.pages().get(0)).isEqualTo(String.join("\n", lines));
      assertThat(String.join("\n", lines)).startsWith(e.pages().get(1));
      assertThat(e.characters()).isLessThanOrEqualTo(1000).isGreaterThan(900);
    }
  }

  @Test
  void aDocumentOverItsTimeLimitFailsAndTheNextOneWorks() throws Exception {
    Path file = TestDocuments.write(dir.resolve("report.pdf"), TestDocuments.pdf(THREE_PAGES));
    try (TikaExtractor hurried =
        new TikaExtractor(new ExtractionLimits(Duration.ofMillis(1), 100_000, 10L << 20))) {
      assertThat(hurried.extract(file, "report.pdf"))
          .isEqualTo(Extraction.failed("extraction took longer than 1 ms"));
    }
    assertThat(extractor.extract(file, "report.pdf").status()).isEqualTo(Status.FULL);
  }

  /**
   * A text layer whose font has no Unicode map: glyphs named g65, g66... that no reader can turn
   * into letters. No file of ../shared/realdocs has one (the Russian thesis that showed the problem
   * is held back), so the PDF is written here, byte for byte, with PDFBox.
   */
  @Test
  void aTextLayerWithoutAUnicodeMapIsNotReadable() throws Exception {
    Path file = dir.resolve("unmapped.pdf");
    try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
      org.apache.pdfbox.cos.COSDictionary font = new org.apache.pdfbox.cos.COSDictionary();
      font.setName(org.apache.pdfbox.cos.COSName.TYPE, "Font");
      font.setName(org.apache.pdfbox.cos.COSName.SUBTYPE, "Type1");
      font.setName(org.apache.pdfbox.cos.COSName.BASE_FONT, "Helvetica");
      org.apache.pdfbox.cos.COSDictionary encoding = new org.apache.pdfbox.cos.COSDictionary();
      encoding.setName(org.apache.pdfbox.cos.COSName.TYPE, "Encoding");
      org.apache.pdfbox.cos.COSArray differences = new org.apache.pdfbox.cos.COSArray();
      differences.add(org.apache.pdfbox.cos.COSInteger.get(65));
      for (char c = 'A'; c <= 'Z'; c++) {
        differences.add(org.apache.pdfbox.cos.COSName.getPDFName("g" + (int) c));
      }
      encoding.setItem(org.apache.pdfbox.cos.COSName.DIFFERENCES, differences);
      font.setItem(org.apache.pdfbox.cos.COSName.ENCODING, encoding);
      org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
      org.apache.pdfbox.pdmodel.PDResources resources = new org.apache.pdfbox.pdmodel.PDResources();
      resources.put(
          org.apache.pdfbox.cos.COSName.getPDFName("F1"),
          new org.apache.pdfbox.pdmodel.font.PDType1Font(font));
      page.setResources(resources);
      StringBuilder content = new StringBuilder("BT /F1 12 Tf 72 700 Td 14 TL\n");
      for (int line = 0; line < 30; line++) {
        content.append("(QWERTY UIOPAS DFGHJK LZXCVB NMQWER) '\n");
      }
      content.append("ET\n");
      org.apache.pdfbox.pdmodel.common.PDStream stream =
          new org.apache.pdfbox.pdmodel.common.PDStream(
              pdf,
              new java.io.ByteArrayInputStream(
                  content.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      page.setContents(stream);
      pdf.addPage(page);
      pdf.save(file.toFile());
    }

    Extraction e = extractor.extract(file, "unmapped.pdf");

    assertThat(e.status()).isEqualTo(Status.PARTIAL);
    assertThat(e.reason())
        .isEqualTo("text layer is not readable (fonts without a Unicode map); OCR is turned off");
  }
}
