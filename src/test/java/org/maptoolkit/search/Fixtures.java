package org.maptoolkit.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Writes small but real toolkit pages and PDFs for tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A driver page in the site's shape. */
  public static String driver(
      String title, String source, String audience, String published, String link, String summary) {
    return """
        <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>%1$s | MAP Toolkit</title></head>
        <body><main><article class="post category-drivers">
        <header><h1 class="entry-title">%1$s</h1></header>
        <div class="entry-content">
        <p><strong>Impact on library policy/practice:</strong></p>
        <ul><li>Offer literature searches to the teams leading the work.</li></ul>
        <p><strong>Source:</strong> %2$s</p>
        <p><strong>Link to main document</strong> <a href="%5$s">Main document</a></p>
        <p><strong>Publication format:</strong> PDF</p>
        <p><strong>Date of publication:</strong> %4$s</p>
        <p><strong>Summary of driver:</strong> %6$s</p>
        <p><strong>Key features of driver:</strong></p>
        <ul><li>Feature one</li><li>Feature two</li></ul>
        <p><strong>Primary audience:</strong> %3$s</p>
        <p><strong>Date last updated:</strong> 23rd March 2017</p>
        <p><strong>Due for review:</strong> 23rd March 2018</p>
        </div></article></main></body></html>
        """
        .formatted(title, source, audience, published, link, summary);
  }

  /** A MAP Story linking the given driver pages (relative hrefs). */
  public static String story(String title, String text, List<String> driverHrefs) {
    StringBuilder links = new StringBuilder();
    for (String href : driverHrefs) {
      links.append("<li><a href=\"").append(href).append("\">Driver</a></li>");
    }
    return """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>%1$s</title></head>
        <body><article class="post category-map-stories"><h1 class="entry-title">%1$s</h1>
        <div class="entry-content"><h3>"The story"</h3><p>%2$s</p>
        <p><strong>Alignment to local, regional and national drivers:</strong></p><ul>%3$s</ul>
        <h3>Impact for the library</h3><p>More requests.</p></div>
        <footer><time class="entry-date published" datetime="2018-05-01T10:00:00+00:00">1 May 2018</time></footer>
        </article></body></html>
        """
        .formatted(title, text, links);
  }

  /** A password-protected meeting page whose hidden content holds {@code secret}. */
  public static String protectedMeeting(String secret) {
    return """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>Protected: Meeting</title></head>
        <body><article class="post post-password-required category-meetings">
        <h1 class="entry-title">Protected: Meeting 22nd March 2017</h1>
        <div class="entry-content"><form class="post-password-form" method="post"><p>This content is
        password protected.</p><input name="post_password" type="password"></form>
        <p>Dial-in code for %s: 123 456</p></div></article></body></html>
        """
        .formatted(secret);
  }

  /** A real PDF with one page per string. */
  public static byte[] pdf(List<String> pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String text : pages) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 11);
          cs.newLineAtOffset(50, 780);
          cs.showText(text);
          cs.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  public static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  public static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }
}
