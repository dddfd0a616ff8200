package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * What Tika's text does not say about a PDF, read with PDFBox: which pages carry a picture (so a
 * page without text is a scan, not a blank page), and the line set in the largest type on the first
 * page (its title, for files whose metadata has none).
 */
final class PdfPages {
  private PdfPages() {}

  /** For each 0-based page in {@code pages}, whether it draws an image. */
  static boolean[] withImages(Path file, List<Integer> pages) throws IOException {
    boolean[] out = new boolean[pages.size()];
    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      for (int i = 0; i < pages.size(); i++) {
        int page = pages.get(i);
        if (page < pdf.getNumberOfPages()) {
          out[i] = hasImage(pdf.getPage(page).getResources(), 0);
        }
      }
    }
    return out;
  }

  private static boolean hasImage(PDResources resources, int depth) throws IOException {
    if (resources == null || depth > 3) {
      return false;
    }
    for (COSName name : resources.getXObjectNames()) {
      PDXObject x = resources.getXObject(name);
      if (x instanceof PDImageXObject) {
        return true;
      }
      if (x instanceof PDFormXObject form && hasImage(form.getResources(), depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /** The first page's line in the largest type, or null when the page has no text. */
  static String largestLine(Path file) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
      if (pdf.getNumberOfPages() == 0) {
        return null;
      }
      LineSizes lines = new LineSizes();
      lines.setStartPage(1);
      lines.setEndPage(1);
      lines.setSortByPosition(true);
      lines.writeText(pdf, new StringWriter());
      return lines.largest();
    }
  }

  /** Collects each line of text with its largest font size. */
  private static final class LineSizes extends PDFTextStripper {
    private final List<String> texts = new ArrayList<>();
    private final List<Float> sizes = new ArrayList<>();

    LineSizes() throws IOException {}

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
      float size = 0;
      for (TextPosition p : positions) {
        size = Math.max(size, p.getFontSizeInPt());
      }
      texts.add(text);
      sizes.add(size);
    }

    /** The first of the lines in the largest type that holds a word; consecutive ones joined. */
    String largest() {
      float max = 0;
      for (int i = 0; i < texts.size(); i++) {
        if (texts.get(i).matches("(?s).*\\p{L}{3,}.*")) {
          max = Math.max(max, sizes.get(i));
        }
      }
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < texts.size(); i++) {
        boolean big = sizes.get(i) >= max - 0.5f && texts.get(i).matches("(?s).*\\p{L}.*");
        if (big) {
          line.append(line.isEmpty() ? "" : " ").append(texts.get(i).strip());
        } else if (!line.isEmpty()) {
          break;
        }
      }
      return line.isEmpty() ? null : line.toString();
    }
  }
}
