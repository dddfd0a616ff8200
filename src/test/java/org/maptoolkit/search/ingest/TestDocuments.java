package org.maptoolkit.search.ingest;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real PDF and DOCX files written with PDFBox and POI for the extraction tests. */
final class TestDocuments {
  private TestDocuments() {}

  /** A PDF with one page per entry, each page holding its lines of text. */
  static byte[] pdf(List<List<String>> pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      write(doc, pages);
      return save(doc);
    }
  }

  /** A PDF that opens only with the user password {@code reader-secret}. */
  static byte[] encryptedPdf(List<List<String>> pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      write(doc, pages);
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-secret", "reader-secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      return save(doc);
    }
  }

  /** A PDF whose only page is a picture of text: no text layer. */
  static byte[] imageOnlyPdf() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 200, 100);
      g.setColor(Color.BLACK);
      g.drawString("Scanned letter", 20, 50);
      g.dispose();
      PDImageXObject image = LosslessFactory.createFromImage(doc, img);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawImage(image, 50, 600, 400, 200);
      }
      return save(doc);
    }
  }

  /**
   * A small PDF that takes PDFBox a long time: {@code pages} pages share one content stream of
   * {@code operators} no-op graphics operators, so the file is small but every page is slow.
   */
  static byte[] slowPdf(int pages, int operators) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      COSStream content = doc.getDocument().createCOSStream();
      byte[] chunk = "q 1 0 0 1 0 0 cm Q\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
      try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
        for (int i = 0; i < operators / 1000; i++) {
          out.write(chunk);
        }
      }
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        page.getCOSObject().setItem(COSName.CONTENTS, content);
      }
      return save(doc);
    }
  }

  /** A DOCX with one paragraph per string. */
  static byte[] docx(List<String> paragraphs) throws IOException {
    try (XWPFDocument doc = new XWPFDocument()) {
      for (String text : paragraphs) {
        doc.createParagraph().createRun().setText(text);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      return out.toByteArray();
    }
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    return Files.write(file, bytes);
  }

  private static void write(PDDocument doc, List<List<String>> pages) throws IOException {
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (List<String> lines : pages) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(font, 10);
        cs.setLeading(14);
        cs.newLineAtOffset(50, 780);
        for (String line : lines) {
          cs.showText(line);
          cs.newLine();
        }
        cs.endText();
      }
    }
  }

  private static byte[] save(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }
}
