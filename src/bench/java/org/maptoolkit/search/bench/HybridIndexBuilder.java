package org.maptoolkit.search.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.DocumentMapper;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.semantic.EmbeddedPassage;
import org.maptoolkit.search.semantic.Embedder;
import org.maptoolkit.search.semantic.Passage;
import org.maptoolkit.search.semantic.Passages;
import org.maptoolkit.search.semantic.RecordBlocks;
import org.maptoolkit.search.semantic.RecordEmbedder;

/**
 * Writes records with their passages as blocks into a new index, as the service would: the records'
 * Lucene documents as DocumentMapper makes them, each after its passages. Passages are embedded in
 * chunks across records (so that every core works even when a record has one passage), timing the
 * embedding alone in wall and CPU seconds.
 */
final class HybridIndexBuilder {
  /** What building took. */
  record Built(
      int records, int passages, int embedded, double embedSeconds, double embedCpuSeconds) {
    double passagesPerSecond() {
      return embedded / embedSeconds;
    }

    double passagesPerCpuSecond() {
      return embedded / embedCpuSeconds;
    }
  }

  private record Cut(MapDocument record, List<Passage> passages) {}

  private static final int CHUNK = 64;

  private final Embedder embedder;
  private final Passages passages;
  private final RecordEmbedder keys;

  HybridIndexBuilder(Embedder embedder, Passages passages) {
    this.embedder = embedder;
    this.passages = passages;
    this.keys = new RecordEmbedder(embedder, passages);
  }

  Built build(List<MapDocument> records, Path index, VectorCache cache, java.io.PrintStream log)
      throws IOException {
    List<Cut> cut = new ArrayList<>();
    List<Passage> missing = new ArrayList<>();
    int total = 0;
    for (MapDocument d : records) {
      List<Passage> ps = passages.of(d);
      cut.add(new Cut(d, ps));
      total += ps.size();
      for (Passage p : ps) {
        if (!cache.known().containsKey(keys.key(p))) {
          missing.add(p);
        }
      }
    }
    log.printf(
        "%d records cut into %d passages; %d to embed (%d cached)%n",
        records.size(), total, missing.size(), total - missing.size());
    var os =
        (com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (int from = 0; from < missing.size(); from += CHUNK) {
      List<Passage> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
      List<float[]> vectors = embedder.embedPassages(chunk.stream().map(Passage::text).toList());
      for (int i = 0; i < chunk.size(); i++) {
        cache.put(keys.key(chunk.get(i)), vectors.get(i));
      }
      if ((from / CHUNK) % 10 == 0) {
        log.printf(
            "  embedded %d/%d (%.1f/s)%n",
            from + chunk.size(),
            missing.size(),
            (from + chunk.size()) / ((System.nanoTime() - start) / 1e9));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
    DocumentMapper mapper = new DocumentMapper();
    try (IndexWriter writer =
        new IndexWriter(
            FSDirectory.open(index),
            new IndexWriterConfig(Analysis.indexAnalyzerPerField())
                .setSimilarity(IndexStore.SIMILARITY)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64))) {
      for (Cut e : cut) {
        List<EmbeddedPassage> embedded = new ArrayList<>();
        for (Passage p : e.passages()) {
          String key = keys.key(p);
          embedded.add(new EmbeddedPassage(p, key, cache.known().get(key)));
        }
        RecordBlocks.write(writer, e.record().id(), mapper.toLucene(e.record()), embedded);
      }
      writer.commit();
    }
    return new Built(records.size(), total, missing.size(), seconds, cpuSeconds);
  }
}
