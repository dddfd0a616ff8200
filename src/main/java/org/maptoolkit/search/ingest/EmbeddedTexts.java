package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Documents inside a document (a PDF in a Word file, a chart in an OpenDocument, the files of a
 * zip): each is parsed into its own collector, and its text kept to be added after the container's
 * own. Pictures inside documents are not read (their OCR is noise: logos, figures), nesting is
 * bounded, and a broken embedded file never fails its container.
 */
final class EmbeddedTexts implements EmbeddedDocumentExtractor {
  /** How deep documents inside documents are read. */
  private static final int MAX_DEPTH = 3;

  /** How many embedded documents are read in all. */
  private static final int MAX_DOCUMENTS = 200;

  private final Parser parser;
  private final TextCollector.Budget budget;
  private final ParseContext context;
  private final int depth;
  private final List<String> texts;
  private final int[] count;

  /** The extractor for a top-level document parsed with {@code context}. */
  EmbeddedTexts(Parser parser, TextCollector.Budget budget, ParseContext context) {
    this(parser, budget, context, 1, new ArrayList<>(), new int[1]);
  }

  private EmbeddedTexts(
      Parser parser,
      TextCollector.Budget budget,
      ParseContext context,
      int depth,
      List<String> texts,
      int[] count) {
    this.parser = parser;
    this.budget = budget;
    this.context = context;
    this.depth = depth;
    this.texts = texts;
    this.count = count;
  }

  /** The embedded documents' texts, in the order they were met. */
  List<String> texts() {
    return texts;
  }

  @Override
  public boolean shouldParseEmbedded(Metadata metadata) {
    return depth <= MAX_DEPTH && count[0] < MAX_DOCUMENTS && !budget.exhausted();
  }

  @Override
  public void parseEmbedded(
      InputStream stream, ContentHandler ignored, Metadata metadata, boolean outputHtml)
      throws SAXException, IOException {
    if (!shouldParseEmbedded(metadata)) {
      return;
    }
    count[0]++;
    try (TikaInputStream in = TikaInputStream.get(new KeepOpen(stream))) {
      MediaType type = context.get(Parser.class) == null ? null : detect(in, metadata);
      if (type != null && type.getType().equals("image")) {
        return;
      }
      TextCollector collector = new TextCollector(budget);
      ParseContext inner = new ParseContext();
      copy(context, inner);
      inner.set(
          EmbeddedDocumentExtractor.class,
          new EmbeddedTexts(parser, budget, inner, depth + 1, texts, count));
      try {
        parser.parse(in, collector, metadata, inner);
      } catch (TextCollector.BudgetSpent e) {
        // The text so far is kept; the budget says the whole extraction was cut.
      } catch (TikaException | SAXException | IOException | RuntimeException e) {
        // An embedded file that cannot be read leaves its container as it is.
      }
      String text = String.join("\n", collector.pages()).strip();
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
  }

  private MediaType detect(TikaInputStream in, Metadata metadata) throws IOException {
    if (parser instanceof org.apache.tika.parser.AutoDetectParser auto) {
      return auto.getDetector().detect(in, metadata);
    }
    return null;
  }

  /** The settings of the outer parse (PDF and OCR configuration) for an inner one. */
  private static void copy(ParseContext from, ParseContext to) {
    for (Class<?> key :
        List.of(
            org.apache.tika.parser.pdf.PDFParserConfig.class,
            org.apache.tika.parser.ocr.TesseractOCRConfig.class,
            Parser.class)) {
      copyOne(from, to, key);
    }
  }

  private static <T> void copyOne(ParseContext from, ParseContext to, Class<T> key) {
    T value = from.get(key);
    if (value != null) {
      to.set(key, value);
    }
  }

  /** The container's stream, which its parser closes, not the embedded document's. */
  private static final class KeepOpen extends java.io.FilterInputStream {
    KeepOpen(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // The container's parser owns the stream.
    }
  }
}
