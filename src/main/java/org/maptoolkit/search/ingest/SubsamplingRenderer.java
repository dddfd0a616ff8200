package org.maptoolkit.search.ingest;

import java.io.IOException;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.renderer.RenderResult;
import org.apache.tika.renderer.pdf.pdfbox.PDFBoxRenderer;

/**
 * Tika's PDFBox page renderer for OCR, allowed to subsample images finer than the page is rendered:
 * a 9,000 x 9,000 scan on a small page is read at the rendering's resolution instead of being
 * decoded whole, which took more memory than a worker has.
 */
final class SubsamplingRenderer extends PDFBoxRenderer {
  @Override
  protected RenderResult renderPage(
      PDFRenderer renderer, int id, int pageIndex, Metadata metadata, ParseContext context)
      throws IOException {
    renderer.setSubsamplingAllowed(true);
    return super.renderPage(renderer, id, pageIndex, metadata, context);
  }
}
