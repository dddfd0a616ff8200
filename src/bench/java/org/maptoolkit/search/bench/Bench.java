package org.maptoolkit.search.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.web.Controller;

/**
 * The benchmark run: a synthetic corpus, then each measurement in turn (ingest, search, cached
 * search, serve start-up, a BEIR collection), each its own class, all figures gathered by name.
 */
final class Bench {
  /**
   * What to run.
   *
   * @param samples the samples folder whose vocabulary shapes the synthetic text (may be absent)
   * @param docs synthetic driver pages to generate
   * @param pdfs synthetic PDFs (2-40 pages) for the extraction figures
   * @param seconds how long each search measurement runs
   * @param jar the service jar, to time {@code serve} start-up in its own process (skipped if
   *     absent)
   * @param beir a BEIR collection for the HTTP against raw Lucene comparison (skipped if absent)
   * @param scans a folder of real scanned PDFs for the OCR figure (skipped if absent)
   * @param beirOnly only the BEIR comparison, without the synthetic corpus
   */
  record Config(
      Path samples,
      int docs,
      int pdfs,
      double seconds,
      Path work,
      Path jar,
      Path beir,
      Path scans,
      boolean beirOnly,
      PrintStream out) {}

  /** Builds the HTTP controllers for an index, wired as {@code serve} wires them. */
  interface Wiring {
    /**
     * The controllers for {@code store}.
     *
     * @param cached with the result cache {@code serve} keeps by default; without it every request
     *     does the full work
     */
    List<Controller> controllers(IndexStore store, boolean cached);
  }

  private final Config config;
  private final Analyzer queryAnalyzer;
  private final Wiring wiring;

  Bench(Config config, Analyzer queryAnalyzer, Wiring wiring) {
    this.config = config;
    this.queryAnalyzer = queryAnalyzer;
    this.wiring = wiring;
  }

  /** Runs every measurement; returns the figures by name (also printed as they come). */
  Map<String, Object> run() throws Exception {
    Figures figures = new Figures();
    PrintStream out = config.out();
    if (!config.beirOnly()) {
      CorpusGenerator generator = new CorpusGenerator(config.samples(), 42);
      Path pages = config.work().resolve("pages");
      long t = System.nanoTime();
      generator.writePages(pages, config.docs());
      out.printf(
          "generated %d pages (vocabulary of %d words) in %.1f s%n",
          config.docs(), generator.vocabularySize(), (System.nanoTime() - t) / 1e9);
      figures.put("docs", config.docs());

      Path index = new IngestBench(config, generator).run(pages, figures);
      List<String> queries = generator.queries(200);
      List<SearchBench.Request> requests = SearchBench.mix(queries);
      new SearchBench(config, queryAnalyzer, wiring).run(index, requests, figures);
      new CachedSearchBench(config, wiring).run(index, requests, generator.queries(2_000), figures);
      new ServeBench(config).run(index, queries, figures);
    }
    if (config.beir() != null && Files.isRegularFile(config.beir().resolve("corpus.jsonl"))) {
      new BeirBench(config, queryAnalyzer, wiring).run(figures);
    } else if (config.beirOnly()) {
      throw new IllegalArgumentException(
          "--beir-only needs a BEIR collection (corpus.jsonl) at " + config.beir());
    } else {
      out.println("BEIR comparison: skipped (no collection at " + config.beir() + ")");
    }
    return figures.asMap();
  }
}
