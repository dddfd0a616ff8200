import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/**
 * Builds the sample main documents in samples/documents from the text sources in
 * src/samples/documents. Run from the project root after `./mvnw package` (which fills target/lib):
 *
 * <pre>java -cp "target/lib/*" src/samples/BuildSampleDocuments.java</pre>
 *
 * <p>Output is deterministic apart from the PDF ids PDFBox writes, so rebuilding changes little.
 */
public class BuildSampleDocuments {
  record Source(String name, String title, String author, String format, List<String> pages) {}

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args.length > 0 ? args[0] : "src/samples/documents");
    Path out = Path.of(args.length > 1 ? args[1] : "samples/documents");
    Files.createDirectories(out);
    try (Stream<Path> files = Files.list(in)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        Source source = read(file);
        Path written = build(source, out);
        System.out.printf("%-45s %-14s %2d pages%n", written.getFileName(), source.format(), source.pages().size());
      }
    }
  }

  static Source read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int split = text.indexOf("\n---\n");
    if (split < 0) throw new IOException(file + ": no '---' line after the header");
    String title = "", author = "", format = "pdf";
    for (String line : text.substring(0, split).split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) continue;
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).replaceAll("\\s+#.*$", "").trim();
      switch (key) {
        case "title" -> title = value;
        case "author" -> author = value;
        case "format" -> format = value;
        default -> {}
      }
    }
    List<String> pages = new ArrayList<>();
    for (String page : text.substring(split + 5).split("\n---page---\n")) {
      if (!page.isBlank()) pages.add(page.strip());
    }
    String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
    return new Source(name, title, author, format, pages);
  }

  static Path build(Source s, Path out) throws Exception {
    return switch (s.format()) {
      case "pdf" -> write(out.resolve(s.name() + ".pdf"), pdf(s, false, false));
      case "pdf-scanned" -> write(out.resolve(s.name() + ".pdf"), pdf(s, true, false));
      case "pdf-encrypted" -> write(out.resolve(s.name() + ".pdf"), pdf(s, false, true));
      case "pdf-corrupt" -> {
        // A download cut off part-way: the header and first objects survive, the rest is lost.
        byte[] whole = pdf(s, false, false);
        byte[] cut = new byte[whole.length / 3];
        System.arraycopy(whole, 0, cut, 0, cut.length);
        yield write(out.resolve(s.name() + ".pdf"), cut);
      }
      case "docx" -> write(out.resolve(s.name() + ".docx"), docx(s));
      case "pptx" -> write(out.resolve(s.name() + ".pptx"), pptx(s));
      case "odt" -> write(out.resolve(s.name() + ".odt"), odt(s));
      case "html" -> write(out.resolve(s.name() + ".html"), html(s).getBytes(StandardCharsets.UTF_8));
      default -> throw new IOException(s.name() + ": unknown format " + s.format());
    };
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
    return file;
  }

  // ---- PDF ----

  static byte[] pdf(Source s, boolean scanned, boolean encrypted) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(s.title());
      info.setAuthor(s.author());
      info.setProducer("MAP Search sample builder");
      for (int i = 0; i < s.pages().size(); i++) {
        List<String[]> lines = layout(s.pages().get(i), 88);
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        if (scanned) {
          drawAsImage(doc, page, lines, i + 1);
        } else {
          drawAsText(doc, page, lines, i + 1, s.title());
        }
      }
      if (encrypted) {
        StandardProtectionPolicy policy =
            new StandardProtectionPolicy("owner-secret", "reader-secret", new AccessPermission());
        policy.setEncryptionKeyLength(128);
        doc.protect(policy);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    }
  }

  /** Wraps a page's text into lines; each entry is {style, text} where style is "h" or "p". */
  static List<String[]> layout(String page, int width) {
    List<String[]> lines = new ArrayList<>();
    for (String para : page.split("\n\\s*\n")) {
      String p = para.strip().replaceAll("\\s+", " ");
      if (p.isEmpty()) continue;
      String style = p.startsWith("# ") ? "h" : "p";
      if (style.equals("h")) p = p.substring(2);
      StringBuilder line = new StringBuilder();
      for (String word : p.split(" ")) {
        if (line.length() + word.length() + 1 > width && line.length() > 0) {
          lines.add(new String[] {style, line.toString()});
          line.setLength(0);
        }
        if (line.length() > 0) line.append(' ');
        line.append(word);
      }
      if (line.length() > 0) lines.add(new String[] {style, line.toString()});
      lines.add(new String[] {"p", ""});
    }
    return lines;
  }

  static void drawAsText(PDDocument doc, PDPage page, List<String[]> lines, int number, String title)
      throws IOException {
    PDType1Font body = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      float y = 790;
      cs.beginText();
      cs.setFont(body, 8);
      cs.newLineAtOffset(50, 810);
      cs.showText(clean(title));
      cs.endText();
      for (String[] line : lines) {
        if (y < 60) break;
        if (!line[1].isEmpty()) {
          cs.beginText();
          cs.setFont(line[0].equals("h") ? bold : body, line[0].equals("h") ? 13 : 10.5f);
          cs.newLineAtOffset(50, y);
          cs.showText(clean(line[1]));
          cs.endText();
        }
        y -= line[0].equals("h") ? 18 : 14;
      }
      cs.beginText();
      cs.setFont(body, 9);
      cs.newLineAtOffset(290, 30);
      cs.showText(String.valueOf(number));
      cs.endText();
    }
  }

  static void drawAsImage(PDDocument doc, PDPage page, List<String[]> lines, int number)
      throws IOException {
    // An image-only page, as a scanner produces: no text layer for Tika to find without OCR.
    BufferedImage img = new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.DARK_GRAY);
    int y = 120;
    for (String[] line : lines) {
      g.setFont(new Font(Font.SERIF, line[0].equals("h") ? Font.BOLD : Font.PLAIN, line[0].equals("h") ? 34 : 26));
      g.drawString(line[1], 100, y);
      y += line[0].equals("h") ? 48 : 38;
      if (y > 1650) break;
    }
    g.drawString(String.valueOf(number), 610, 1700);
    g.dispose();
    PDImageXObject image = LosslessFactory.createFromImage(doc, img);
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      cs.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
    }
  }

  /** Standard 14 fonts only encode WinAnsi: map typographic characters to plain ones. */
  static String clean(String s) {
    return s.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201C', '"').replace('\u201D', '"')
        .replace('\u2013', '-').replace('\u2014', '-').replace("\u2026", "...").replace('\u00A0', ' ')
        .replaceAll("[^\\x20-\\x7E\\u00A3\\u00E9]", "");
  }

  // ---- Office formats ----

  static byte[] docx(Source s) throws IOException {
    try (XWPFDocument doc = new XWPFDocument()) {
      doc.getProperties().getCoreProperties().setTitle(s.title());
      doc.getProperties().getCoreProperties().setCreator(s.author());
      for (int i = 0; i < s.pages().size(); i++) {
        for (String para : s.pages().get(i).split("\n\\s*\n")) {
          String p = para.strip().replaceAll("\\s+", " ");
          XWPFParagraph paragraph = doc.createParagraph();
          if (p.startsWith("# ")) {
            paragraph.setStyle("Heading1");
            var run = paragraph.createRun();
            run.setBold(true);
            run.setFontSize(14);
            run.setText(p.substring(2));
          } else {
            paragraph.createRun().setText(p);
          }
        }
        if (i < s.pages().size() - 1) doc.createParagraph().setPageBreak(true);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.write(bytes);
      return bytes.toByteArray();
    }
  }

  static byte[] pptx(Source s) throws IOException {
    try (XMLSlideShow show = new XMLSlideShow()) {
      show.getProperties().getCoreProperties().setTitle(s.title());
      show.getProperties().getCoreProperties().setCreator(s.author());
      for (String page : s.pages()) {
        String[] parts = page.split("\n", 2);
        XSLFSlide slide = show.createSlide();
        XSLFTextBox heading = slide.createTextBox();
        heading.setAnchor(new java.awt.Rectangle(40, 30, 640, 60));
        heading.setText(parts[0].replaceFirst("^# ", ""));
        XSLFTextBox bodyBox = slide.createTextBox();
        bodyBox.setAnchor(new java.awt.Rectangle(40, 100, 640, 400));
        bodyBox.setText(parts.length > 1 ? parts[1].strip().replaceAll("\n\\s*\n", "\n") : "");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      show.write(bytes);
      return bytes.toByteArray();
    }
  }

  static byte[] odt(Source s) throws IOException {
    StringBuilder content = new StringBuilder();
    content.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"")
        .append(" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">")
        .append("<office:body><office:text>");
    for (String page : s.pages()) {
      for (String para : page.split("\n\\s*\n")) {
        String p = escape(para.strip().replaceAll("\\s+", " "));
        if (p.startsWith("# ")) {
          content.append("<text:h text:outline-level=\"1\">").append(p.substring(2)).append("</text:h>");
        } else {
          content.append("<text:p>").append(p).append("</text:p>");
        }
      }
    }
    content.append("</office:text></office:body></office:document-content>");
    String meta = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\"><office:meta>"
        + "<dc:title>" + escape(s.title()) + "</dc:title><dc:creator>" + escape(s.author())
        + "</dc:creator></office:meta></office:document-meta>";
    String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
        + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
        + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
        + "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
        + "</manifest:manifest>";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      // The mimetype entry comes first and uncompressed, as the OpenDocument package rules require.
      byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
      ZipEntry entry = new ZipEntry("mimetype");
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(mimetype.length);
      CRC32 crc = new CRC32();
      crc.update(mimetype);
      entry.setCrc(crc.getValue());
      zip.putNextEntry(entry);
      zip.write(mimetype);
      zip.closeEntry();
      put(zip, "content.xml", content.toString());
      put(zip, "meta.xml", meta);
      put(zip, "META-INF/manifest.xml", manifest);
    }
    return bytes.toByteArray();
  }

  static void put(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    OutputStream out = zip;
    out.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  static String html(Source s) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(s.title())).append("</title>\n<meta name=\"author\" content=\"")
        .append(escape(s.author())).append("\">\n</head>\n<body>\n<h1>").append(escape(s.title())).append("</h1>\n");
    for (String page : s.pages()) {
      html.append("<section>\n");
      for (String para : page.split("\n\\s*\n")) {
        String p = escape(para.strip().replaceAll("\\s+", " "));
        html.append(p.startsWith("# ") ? "<h2>" + p.substring(2) + "</h2>\n" : "<p>" + p + "</p>\n");
      }
      html.append("</section>\n");
    }
    return html.append("</body>\n</html>\n").toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
