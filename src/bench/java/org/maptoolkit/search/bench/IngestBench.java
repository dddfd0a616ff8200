package org.maptoolkit.search.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.ForkedExtractor;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.OcrSettings;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.TikaExtractor;
import org.maptoolkit.search.ingest.Vocabulary;

/**
 * Ingest throughput: pages with 1 and 2 threads, an unchanged re-run, index size per page, and PDF
 * extraction through the forked extractor with 1 and 2 workers.
 */
final class IngestBench {
  private final Bench.Config config;
  private final CorpusGenerator generator;

  IngestBench(Bench.Config config, CorpusGenerator generator) {
    this.config = config;
    this.generator = generator;
  }

  /** Measures and returns the index built with 2 threads, for the search measurements. */
  Path run(Path pages, Figures figures) throws Exception {
    double oneThread = rate(pages, config.work().resolve("index-1"), 1);
    Path index = config.work().resolve("index-2");
    long start = System.nanoTime();
    double twoThreads = rate(pages, index, 2);
    double firstSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    rate(pages, index, 2);
    double rerunSeconds = (System.nanoTime() - start) / 1e9;
    long bytes = folderBytes(index);
    config
        .out()
        .printf(
            "ingest pages: 1 thread %.0f pages/s, 2 threads %.0f pages/s (x%.2f); unchanged re-run"
                + " %.1fx faster; %.0f index bytes/doc%n",
            oneThread,
            twoThreads,
            twoThreads / oneThread,
            firstSeconds / rerunSeconds,
            bytes / (double) config.docs());
    figures.put("ingest_pages_per_s_1_thread", oneThread);
    figures.put("ingest_pages_per_s_2_threads", twoThreads);
    figures.put("ingest_thread_scaling", twoThreads / oneThread);
    figures.put("reingest_speedup", firstSeconds / rerunSeconds);
    figures.put("index_bytes_per_doc", Math.round(bytes / (double) config.docs()));
    if (config.pdfs() > 0) {
      Path pdfDir = config.work().resolve("pdfs");
      int pdfPages = generator.writePdfs(pdfDir, config.pdfs());
      double pdf1 = pdfRate(pdfDir, pdfPages, 1);
      double pdf2 = pdfRate(pdfDir, pdfPages, 2);
      config
          .out()
          .printf(
              "PDF extraction (%d PDFs, %d pages): 1 worker %.0f pages/s, 2 workers %.0f pages/s"
                  + " (x%.2f)%n",
              config.pdfs(), pdfPages, pdf1, pdf2, pdf2 / pdf1);
      figures.put("pdf_pages", pdfPages);
      figures.put("pdf_pages_per_s_1_thread", pdf1);
      figures.put("pdf_pages_per_s_2_threads", pdf2);
    }
    ocrRate(figures);
    return index;
  }

  /** Scanned pages of ../shared/realdocs read by OCR: 1+1+1+4 pages from four real scans. */
  private static final List<String> SCANS =
      List.of("c02-22.pdf", "skew.pdf", "francais.pdf", "nemotron_multipage.pdf");

  private static final int SCANNED_PAGES = 7;

  /** OCR speed, pages a second with 2 workers, when the real scans and Tesseract are here. */
  private void ocrRate(Figures figures) throws Exception {
    Path scans = config.scans();
    OcrSettings ocr = OcrSettings.detect("tesseract", 120);
    if (scans == null || !Files.isDirectory(scans) || !ocr.enabled()) {
      config
          .out()
          .println(
              "OCR: skipped ("
                  + (ocr.enabled() ? "no real scans at " + scans : ocr.off())
                  + ")");
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ForkedExtractor extractor = new ForkedExtractor(ExtractionLimits.DEFAULT, ocr, 2, 512)) {
      Path first = scans.resolve(SCANS.getFirst());
      extractor.extract(first, first.getFileName().toString());
      long start = System.nanoTime();
      List<Future<Integer>> jobs = new ArrayList<>();
      for (String name : SCANS) {
        Path f = scans.resolve(name);
        jobs.add(pool.submit(() -> extractor.extract(f, name).ocrPages()));
      }
      int pages = 0;
      for (Future<Integer> job : jobs) {
        pages += job.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (pages != SCANNED_PAGES) {
        throw new IllegalStateException("OCR read " + pages + " of " + SCANNED_PAGES + " pages");
      }
      config
          .out()
          .printf(
              "OCR (%d scanned pages of 4 real scans, 2 workers, %s): %.2f pages/s%n",
              pages, ocr.languages(), pages / seconds);
      figures.put("ocr_pages_per_s_2_workers", pages / seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Items a second ingesting {@code source} into {@code index}. */
  static double rate(Path source, Path index, int threads) throws IOException {
    long start = System.nanoTime();
    IngestReport report;
    try (IndexStore store = IndexStore.open(index);
        TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT)) {
      report =
          new Ingester(store, extractor, Vocabulary.bundled(), null, threads)
              .ingest(Source.open(source), true, Ingester.Progress.NONE);
    }
    if (report.failed() > 0) {
      throw new IllegalStateException(report.failed() + " synthetic items failed to ingest");
    }
    return report.total() / ((System.nanoTime() - start) / 1e9);
  }

  private static double pdfRate(Path dir, int pages, int workers) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted(Comparator.naturalOrder()).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try (ForkedExtractor extractor = new ForkedExtractor(ExtractionLimits.DEFAULT, workers, 512)) {
      // Start the workers before timing: start-up is paid once per ingest, not per document.
      List<Future<?>> warm = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        Path f = files.get(i % files.size());
        warm.add(pool.submit(() -> extractor.extract(f, f.getFileName().toString())));
      }
      for (Future<?> f : warm) {
        f.get();
      }
      long start = System.nanoTime();
      List<Future<?>> jobs = new ArrayList<>();
      for (Path f : files) {
        jobs.add(
            pool.submit(
                () -> {
                  var e = extractor.extract(f, f.getFileName().toString());
                  if (e.pages().isEmpty()) {
                    throw new IllegalStateException("no text from " + f + ": " + e.reason());
                  }
                }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
      return pages / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long folderBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
