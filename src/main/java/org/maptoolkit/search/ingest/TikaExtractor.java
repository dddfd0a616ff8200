package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.maptoolkit.search.document.Extraction;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Extracts text with Apache Tika in this process, keeping PDF pages apart, under a time limit and a
 * character cap. A parse that overruns its time is abandoned and reported as failed.
 */
public final class TikaExtractor implements TextExtractor {
  private final Parser parser = new AutoDetectParser();
  private final ExtractionLimits limits;
  private final ExecutorService workers;

  public TikaExtractor(ExtractionLimits limits) {
    this.limits = limits;
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
    ParseContext context = new ParseContext();
    PDFParserConfig pdf = new PDFParserConfig();
    pdf.setExtractInlineImages(false);
    pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    context.set(PDFParserConfig.class, pdf);
    context.set(Parser.class, parser);
    PageHandler handler = new PageHandler(limits.maxCharacters());
    String contentType;
    try (InputStream in = Files.newInputStream(file)) {
      parser.parse(in, handler, metadata, context);
    } catch (EncryptedDocumentException e) {
      return Extraction.failed("encrypted: a password is needed to read it");
    } catch (ZeroByteFileException e) {
      return Extraction.failed("empty file (0 bytes)");
    } catch (IOException | SAXException | TikaException | RuntimeException e) {
      // Parsers wrap the cap's exception in their own; the handler knows it was the cap.
      if (!handler.truncated) {
        return Extraction.failed(describe(e));
      }
    }
    contentType = metadata.get(Metadata.CONTENT_TYPE);
    String title = metadata.get(TikaCoreProperties.TITLE);
    List<String> pages = handler.pages();
    long chars = pages.stream().mapToLong(String::length).sum();
    if (handler.truncated) {
      return new Extraction(
          Extraction.Status.PARTIAL,
          "text cut at " + limits.maxCharacters() + " characters (the extraction cap)",
          contentType,
          title,
          pages,
          chars);
    }
    if (pages.stream().allMatch(String::isBlank)) {
      boolean scanned = contentType != null && contentType.contains("pdf");
      return new Extraction(
          Extraction.Status.NO_TEXT,
          scanned
              ? "no text layer (perhaps a scanned PDF; OCR is not enabled)"
              : "the document holds no text",
          contentType,
          title,
          List.of(),
          0);
    }
    return new Extraction(Extraction.Status.FULL, null, contentType, title, pages, chars);
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

  /** Thrown inside the SAX stream to stop parsing once the character cap is reached. */
  private static final class LimitReached extends SAXException {
    LimitReached() {
      super("character limit reached");
    }
  }

  /**
   * Collects text per page ({@code <div class="page">} in Tika's XHTML) up to a cap. Formats
   * without page divisions give one page; the XHTML head (title, meta) is not text.
   */
  private static final class PageHandler extends DefaultHandler {
    private final int max;
    private final List<String> pages = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private final StringBuilder loose = new StringBuilder();
    private int total;
    private int depth;
    private int pageDepth = -1;
    private boolean inHead;
    boolean truncated;

    PageHandler(int max) {
      this.max = max;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
      depth++;
      if ("head".equals(localName)) {
        inHead = true;
      } else if ("div".equals(localName)
          && "page".equals(atts.getValue("class"))
          && pageDepth < 0) {
        pageDepth = depth;
        current.setLength(0);
      } else if (isBlock(localName)) {
        newline(target());
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
      } else if (isBlock(localName)) {
        newline(target());
      }
      depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      if (inHead) {
        return;
      }
      int room = max - total;
      if (room <= 0) {
        truncated = true;
        throw new LimitReached();
      }
      int n = Math.min(room, length);
      target().append(ch, start, n);
      total += n;
      if (n < length) {
        truncated = true;
        throw new LimitReached();
      }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
      characters(ch, start, length);
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

    private static String clean(CharSequence s) {
      return s.toString()
          .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
          .replaceAll("\\n\\s*\\n+", "\n")
          .strip();
    }

    List<String> pages() {
      if (pageDepth >= 0) {
        // The cap stopped the parse inside a page: keep what that page had.
        pages.add(clean(current));
      }
      if (pages.isEmpty()) {
        String text = clean(loose);
        return text.isEmpty() ? List.of() : List.of(text);
      }
      return List.copyOf(pages);
    }
  }
}
