package org.maptoolkit.search.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.analysis.Analyzer;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.FolderSource;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.TikaExtractor;
import org.maptoolkit.search.ingest.Vocabulary;
import org.maptoolkit.search.search.SearchService;

/** Constructor wiring shared by the commands: no framework, no static state. */
final class Services {
  private Services() {}

  static Analyzer queryAnalyzer() {
    try {
      return Analysis.queryAnalyzer(Vocabulary.resourceLines("synonyms.txt"));
    } catch (IOException e) {
      throw new IllegalStateException("the bundled synonyms are missing from the jar", e);
    }
  }

  static SearchService searchService(IndexStore store) {
    return new SearchService(store, queryAnalyzer());
  }

  static IngestReport ingest(
      IndexStore store, Path source, int threads, boolean prune, Ingester.Progress progress)
      throws IOException {
    try (TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT)) {
      Ingester ingester = new Ingester(store, extractor, Vocabulary.bundled(), threads);
      return ingester.ingest(new FolderSource(source), prune, progress);
    }
  }
}
