package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PDF;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.maptoolkit.search.document.Extraction;
import org.xml.sax.SAXException;

/**
 * Extracts text with Apache Tika in this process under a time limit and a character cap: PDF pages
 * kept apart, scanned pages and images read by OCR when Tesseract is there, the text of embedded
 * documents after their container's own, and what the file says of itself (title, dates, language).
 * It says how complete and how readable the text is: a scan without OCR, pages with no text layer,
 * a text layer without a Unicode map.
 *
 * <p>Over 300 lines on purpose: Tika's configuration for one parse (PDF, OCR, embedded documents,
 * limits) and the reading of its outcome belong together; the parts that stand alone already live
 * apart ({@link TextCollector}, {@link PdfPages}, {@link EmbeddedTexts}, {@link Titles}).
 */
public final class TikaExtractor implements TextExtractor {
  /** Share of a PDF's characters without a Unicode map above which its text is not readable. */
  private static final double UNREADABLE = 0.3;

  private final Parser parser = new AutoDetectParser();
  private final ExtractionLimits limits;
  private final OcrSettings ocr;
  private final ExecutorService workers;

  /** An extractor without OCR. */
  public TikaExtractor(ExtractionLimits limits) {
    this(limits, OcrSettings.DISABLED);
  }

  public TikaExtractor(ExtractionLimits limits, OcrSettings ocr) {
    this.limits = limits;
    this.ocr = ocr;
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "tika-extract");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Extraction extract(Path file, String nameHint) {
    try {
      long size = Files.size(file);
      if (size == 0) {
        return Extraction.failed("empty file (0 bytes)");
      }
      if (size > limits.maxBytes()) {
        return Extraction.failed(
            "file is " + size + " bytes, over the limit of " + limits.maxBytes());
      }
    } catch (IOException e) {
      return Extraction.failed("cannot read file: " + e.getClass().getSimpleName());
    }
    Future<Extraction> job = workers.submit(() -> parse(file, nameHint));
    try {
      return job.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      job.cancel(true);
      return Extraction.failed("extraction took longer than " + describe(limits.timeout()));
    } catch (InterruptedException e) {
      job.cancel(true);
      Thread.currentThread().interrupt();
      return Extraction.failed("interrupted");
    } catch (Exception e) {
      return Extraction.failed(describe(e.getCause() == null ? e : e.getCause()));
    }
  }

  private Extraction parse(Path file, String nameHint) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, nameHint);
    TextCollector.Budget budget = new TextCollector.Budget(limits.maxCharacters());
    ParseContext context = context();
    EmbeddedTexts embedded = new EmbeddedTexts(parser, budget, context);
    context.set(EmbeddedDocumentExtractor.class, embedded);
    TextCollector collector = new TextCollector(budget);
    try (InputStream in = Files.newInputStream(file)) {
      parser.parse(in, collector, metadata, context);
    } catch (EncryptedDocumentException e) {
      return Extraction.failed("encrypted: a password is needed to read it");
    } catch (ZeroByteFileException e) {
      return Extraction.failed("empty file (0 bytes)");
    } catch (IOException | SAXException | TikaException | RuntimeException e) {
      // Parsers wrap the budget's exception in their own; the budget knows it was spent.
      if (!budget.exhausted()) {
        return Extraction.failed(describe(e));
      }
    }
    String contentType = metadata.get(Metadata.CONTENT_TYPE);
    List<String> pages = new ArrayList<>(collector.pages());
    List<String> extra = new ArrayList<>(embedded.texts());
    if (!collector.outsidePages().isEmpty()) {
      extra.addFirst(collector.outsidePages());
    }
    addAfter(pages, extra);
    long chars = pages.stream().mapToLong(String::length).sum();
    boolean pdf = contentType != null && contentType.startsWith("application/pdf");
    boolean image = contentType != null && contentType.startsWith("image/");
    int ocrPages = pdf ? intValue(metadata.get(PDF.OCR_PAGE_COUNT)) : image && chars > 0 ? 1 : 0;
    String text = String.join("\n", pages);
    String largestLine = null;
    if (pdf
        && !Titles.plausible(metadata.get(TikaCoreProperties.TITLE), nameHint)
        && collector.firstHeading() == null) {
      largestLine = quietly(() -> PdfPages.largestLine(file));
    }
    String title =
        Titles.choose(
            metadata.get(TikaCoreProperties.TITLE),
            collector.firstHeading(),
            largestLine,
            collector.firstLine(),
            nameHint);
    Extraction.Status status;
    String reason;
    if (pages.stream().allMatch(String::isBlank)) {
      pages = List.of();
      status = Extraction.Status.NO_TEXT;
      reason = noTextReason(pdf, image, ocrPages);
    } else if (budget.exhausted()) {
      status = Extraction.Status.PARTIAL;
      reason = "text cut at " + limits.maxCharacters() + " characters (the extraction cap)";
    } else {
      String missing = pdf ? missingText(file, metadata, collector.pages(), ocrPages) : null;
      if (missing == null && ocrPages > 0) {
        // Tesseract reads anything as letters (a page upside down, a script it has no data
        // for): a page read by OCR whose text is in no language is noise.
        int noisy = (int) collector.ocrWords().stream().filter(w -> w != null && w.noisy()).count();
        if (noisy > 0) {
          missing =
              ocrNote(ocrPages, pages.size())
                  + (noisy == ocrPages && ocrPages <= 1
                      ? ", but little of it reads as words"
                      : "; " + noisy + " of them hold little that reads as words");
        }
      }
      status = missing == null ? Extraction.Status.FULL : Extraction.Status.PARTIAL;
      reason = missing != null ? missing : ocrPages > 0 ? ocrNote(ocrPages, pages.size()) : null;
    }
    return new Extraction(
        status,
        reason,
        contentType,
        title,
        pages,
        chars,
        language(text, pages),
        date(metadata.getDate(TikaCoreProperties.CREATED)),
        date(metadata.getDate(TikaCoreProperties.MODIFIED)),
        ocrPages);
  }

  private ParseContext context() {
    ParseContext context = new ParseContext();
    PDFParserConfig pdf = new PDFParserConfig();
    pdf.setExtractInlineImages(false);
    // Text in reading order by position: table cells and columns come out as separate words
    // ("1,458.33 FIELD REPRESENTATIVE", not "1,458.33FIELD REPRESENTATIVE").
    pdf.setSortByPosition(true);
    TesseractOCRConfig tesseract = new TesseractOCRConfig();
    if (ocr.enabled()) {
      // Pages with (almost) no text, or text without a Unicode map, are rendered and read.
      pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
      // 200 dpi in grey: what Tesseract reads as well as 300 dpi on these scans (the realdocs
      // ground truth phrases were read at both), at half the time and a third of the memory.
      pdf.setOcrDPI(200);
      pdf.setOcrImageType(PDFParserConfig.TikaImageType.GRAY);
      SubsamplingRenderer renderer = new SubsamplingRenderer();
      renderer.setDPI(200);
      renderer.setImageType(org.apache.pdfbox.rendering.ImageType.GRAY);
      pdf.setRenderer(renderer);
      tesseract.setLanguage(ocr.languages());
      // hOCR, not plain text: each word comes with Tesseract's confidence, so noise is left out.
      tesseract.setOutputType(TesseractOCRConfig.OUTPUT_TYPE.HOCR);
      tesseract.setTimeoutSeconds(ocr.pageSeconds());
    } else {
      pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
      tesseract.setSkipOcr(true);
    }
    context.set(PDFParserConfig.class, pdf);
    context.set(TesseractOCRConfig.class, tesseract);
    context.set(Parser.class, parser);
    return context;
  }

  /**
   * Adds the embedded documents' text after the document's own: on its last page when it has pages
   * (a new value would read as a page the document does not have), else as part of its one text.
   */
  private static void addAfter(List<String> pages, List<String> extra) {
    if (extra.isEmpty()) {
      return;
    }
    String more = String.join("\n", extra);
    if (pages.isEmpty()) {
      pages.add(more);
    } else {
      int last = pages.size() - 1;
      pages.set(last, (pages.get(last) + "\n" + more).strip());
    }
  }

  private String noTextReason(boolean pdf, boolean image, int ocrPages) {
    if (ocrPages > 0 || ((pdf || image) && ocr.enabled())) {
      return pdf ? "no text layer, and OCR found no text" : "OCR found no text in the image";
    }
    if (pdf) {
      return "no text layer (a scanned PDF): " + ocr.off();
    }
    if (image) {
      return "an image: " + ocr.off();
    }
    return "the document holds no text";
  }

  /**
   * What a PDF's text lacks, or null: pages with a picture but no text (scans not read by OCR), or
   * a text layer whose fonts have no Unicode map (its "text" is not the words on the page).
   */
  private String missingText(Path file, Metadata metadata, List<String> pages, int ocrPages) {
    // A page with a handful of characters (a date stamped on a scan) has no text layer to speak of.
    List<Integer> blank = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      if (pages.get(i).codePoints().filter(Character::isLetterOrDigit).count() < 20) {
        blank.add(i);
      }
    }
    int scanned = 0;
    if (!blank.isEmpty()) {
      boolean[] images = quietly(() -> PdfPages.withImages(file, blank));
      for (int i = 0; images != null && i < images.length; i++) {
        scanned += images[i] ? 1 : 0;
      }
    }
    if (scanned > 0) {
      return scanned
          + " of "
          + pages.size()
          + (scanned == 1 ? " pages has" : " pages have")
          + " no text layer"
          + (ocr.enabled() ? ", and OCR found no text on them" : " (" + ocr.off() + ")");
    }
    long total = sum(metadata.getValues(PDF.CHARACTERS_PER_PAGE));
    long unmapped = sum(metadata.getValues(PDF.UNMAPPED_UNICODE_CHARS_PER_PAGE));
    if (total > 0 && unmapped > UNREADABLE * total && ocrPages == 0) {
      return "text layer is not readable (fonts without a Unicode map)"
          + (ocr.enabled() ? "" : "; " + ocr.off());
    }
    return null;
  }

  /**
   * The text's language; when the whole is mixed with noise, the language most of its pages are in,
   * by length.
   */
  private static String language(String text, List<String> pages) {
    String whole = Languages.detect(text);
    if (whole != null || pages.size() < 2) {
      return whole;
    }
    java.util.Map<String, Integer> votes = new java.util.HashMap<>();
    for (String page : pages) {
      String lang = Languages.detect(page);
      if (lang != null) {
        votes.merge(lang, page.length(), Integer::sum);
      }
    }
    return votes.entrySet().stream()
        .max(java.util.Map.Entry.comparingByValue())
        .map(java.util.Map.Entry::getKey)
        .orElse(null);
  }

  private static String ocrNote(int ocrPages, int pages) {
    return pages <= 1
        ? "text read by OCR"
        : "text of " + ocrPages + " of " + pages + " pages read by OCR";
  }

  private static long sum(String[] values) {
    long total = 0;
    for (String v : values) {
      total += intValue(v);
    }
    return total;
  }

  private static int intValue(String v) {
    try {
      return v == null ? 0 : Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static LocalDate date(Date date) {
    return date == null ? null : LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
  }

  /** A PDFBox reading that is a refinement: when it fails, the extraction goes on without it. */
  private interface PdfRead<T> {
    T read() throws IOException;
  }

  private static <T> T quietly(PdfRead<T> read) {
    try {
      return read.read();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A time limit as a reader wants it: "2 s", or "200 ms" when under a second or not whole. */
  static String describe(java.time.Duration limit) {
    return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
  }

  /** A reason fit for a report: the kind of failure and its first line, no stack trace. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
    if (message.length() > 200) {
      message = message.substring(0, 200) + "…";
    }
    String kind = root.getClass().getSimpleName();
    return "cannot parse (" + kind + (message.isBlank() ? "" : ": " + message) + ")";
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
