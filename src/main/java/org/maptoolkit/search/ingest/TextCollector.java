package org.maptoolkit.search.ingest;

import java.util.ArrayList;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects the text of Tika's XHTML: per page ({@code <div class="page">}) for paged formats, as
 * one text otherwise; with the first heading and the first line, for titles. Stops at a shared
 * character budget. Embedded documents never reach it (see {@link EmbeddedTexts}), so a PDF inside
 * a Word file cannot turn the Word file's own text into pages.
 */
final class TextCollector extends DefaultHandler {
  /** Characters left for a whole extraction, shared by a document and its embedded ones. */
  static final class Budget {
    private int left;
    private boolean exhausted;

    Budget(int max) {
      this.left = max;
    }

    boolean exhausted() {
      return exhausted;
    }
  }

  /** Thrown inside the SAX stream to stop parsing once the budget is spent. */
  static final class BudgetSpent extends SAXException {
    private static final long serialVersionUID = 1L;

    BudgetSpent() {
      super("character limit reached");
    }
  }

  /** Words OCR is less sure of than this (Tesseract's 0-100 confidence) are left out. */
  static final int MIN_WORD_CONFIDENCE = 50;

  /** OCR's words on one page: how many it read, and how many it was unsure of. */
  record OcrWords(int words, int unsure) {
    /**
     * Whether most of what OCR read here is noise (a page upside down, a script it cannot read).
     */
    boolean noisy() {
      return words == 0 || unsure * 2 > words;
    }
  }

  private final Budget budget;
  private final List<String> pages = new ArrayList<>();
  private final List<OcrWords> ocrWords = new ArrayList<>();
  private int words;
  private int unsure;
  private boolean inOcr;
  private int skipDepth = -1;
  private final StringBuilder current = new StringBuilder();
  private final StringBuilder loose = new StringBuilder();
  private final StringBuilder heading = new StringBuilder();
  private String firstHeading;
  private int firstHeadingRank = Integer.MAX_VALUE;
  private int headingRank;
  private int depth;
  private int pageDepth = -1;
  private int headingDepth = -1;
  private int headings;

  /** Headings looked at for the title: those near the start of the document. */
  private static final int MAX_HEADINGS = 5;

  private boolean inHead;

  TextCollector(Budget budget) {
    this.budget = budget;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) {
    depth++;
    if ("head".equals(localName)) {
      inHead = true;
    } else if ("div".equals(localName) && "page".equals(atts.getValue("class")) && pageDepth < 0) {
      pageDepth = depth;
      current.setLength(0);
    } else if ("ocrx_word".equals(atts.getValue("class"))) {
      // Tesseract's hOCR: one word with its confidence; an unsure word is not kept as text.
      inOcr = true;
      words++;
      if (confidence(atts.getValue("title")) < MIN_WORD_CONFIDENCE) {
        unsure++;
        skipDepth = depth;
      }
    } else if ("ocr_line".equals(atts.getValue("class"))) {
      newline(target());
    } else {
      if (headingDepth < 0 && localName.matches("h[1-6]")) {
        // The document's title style first, then the highest heading level, then the first.
        int rank = "title".equals(atts.getValue("class")) ? 0 : localName.charAt(1) - '0';
        if (rank < firstHeadingRank && headings < MAX_HEADINGS) {
          headingDepth = depth;
          headingRank = rank;
          heading.setLength(0);
        }
        headings++;
      }
      if (isBlock(localName)) {
        newline(target());
      }
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    if ("head".equals(localName)) {
      inHead = false;
    } else if (depth == pageDepth) {
      pages.add(clean(current));
      current.setLength(0);
      pageDepth = -1;
      endOcrPage();
    } else if (depth == skipDepth) {
      skipDepth = -1;
    } else if (inOcr && "span".equals(localName)) {
      target().append(' ');
    } else {
      if (depth == headingDepth) {
        String h = heading.toString().strip();
        if (!h.isEmpty()) {
          firstHeading = h;
          firstHeadingRank = headingRank;
        }
        headingDepth = -1;
      }
      if (isBlock(localName)) {
        newline(target());
      }
    }
    depth--;
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (inHead || skipDepth >= 0 || (inOcr && isBlank(ch, start, length))) {
      // In hOCR, the white space between elements is layout, not text.
      return;
    }
    if (budget.left <= 0) {
      budget.exhausted = true;
      throw new BudgetSpent();
    }
    int n = Math.min(budget.left, length);
    target().append(ch, start, n);
    if (headingDepth >= 0) {
      heading.append(ch, start, n);
    }
    budget.left -= n;
    if (n < length) {
      budget.exhausted = true;
      throw new BudgetSpent();
    }
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    characters(ch, start, length);
  }

  /** The text per page; one value for a format without pages; empty when there is no text. */
  List<String> pages() {
    List<String> out = new ArrayList<>(pages);
    if (pageDepth >= 0) {
      // The budget stopped the parse inside a page: keep what that page had.
      out.add(clean(current));
    }
    String rest = clean(loose);
    if (out.isEmpty()) {
      return rest.isEmpty() ? List.of() : List.of(rest);
    }
    return out;
  }

  /** Per page (one for an image), what OCR read there; empty when OCR read nothing. */
  List<OcrWords> ocrWords() {
    List<OcrWords> out = new ArrayList<>(ocrWords);
    if (inOcr && pages.isEmpty() && out.isEmpty()) {
      // An image: one page, no page division.
      out.add(new OcrWords(words, unsure));
    }
    return out;
  }

  private void endOcrPage() {
    ocrWords.add(inOcr ? new OcrWords(words, unsure) : null);
    inOcr = false;
    words = 0;
    unsure = 0;
  }

  private static boolean isBlank(char[] ch, int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (!Character.isWhitespace(ch[i])) {
        return false;
      }
    }
    return true;
  }

  private static int confidence(String title) {
    if (title == null) {
      return 100;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("x_wconf (\\d+)").matcher(title);
    return m.find() ? Integer.parseInt(m.group(1)) : 100;
  }

  /** Whether the document marked pages (a PDF): then page numbers mean something. */
  boolean paged() {
    return !pages.isEmpty() || pageDepth >= 0;
  }

  /** Text outside any page of a paged document (attachments' names, annotations). */
  String outsidePages() {
    return paged() ? clean(loose) : "";
  }

  /**
   * The heading that names the document (title style, else highest level, among the first), or
   * null.
   */
  String firstHeading() {
    return firstHeading;
  }

  /** The first line holding a word of three letters, or null. */
  String firstLine() {
    for (String page : pages()) {
      for (String line : page.split("\n")) {
        if (line.matches(".*\\p{L}{3,}.*")) {
          return line.strip();
        }
      }
    }
    return null;
  }

  private StringBuilder target() {
    return pageDepth >= 0 ? current : loose;
  }

  private static boolean isBlock(String name) {
    return switch (name) {
      case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br" -> true;
      default -> false;
    };
  }

  private static void newline(StringBuilder b) {
    if (!b.isEmpty() && b.charAt(b.length() - 1) != '\n') {
      b.append('\n');
    }
  }

  static String clean(CharSequence s) {
    return s.toString()
        .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
        .replaceAll("\\n\\s*\\n+", "\n")
        .strip();
  }
}
