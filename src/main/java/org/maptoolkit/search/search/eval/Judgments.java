package org.maptoolkit.search.search.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.document.Ids;

/** Relevance judgments (qrels): query id to judged document ids and their graded relevance. */
public record Judgments(Map<String, Map<String, Integer>> byQuery) {

  /** Reads a BEIR qrels TSV ({@code query-id corpus-id score}, with a header line). */
  public static Judgments read(Path tsv) throws IOException {
    Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(tsv);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || (i == 0 && line.startsWith("query-id"))) {
        continue;
      }
      String[] cells = line.split("\t");
      if (cells.length < 3) {
        throw new IOException(tsv + " line " + (i + 1) + ": expected query-id, corpus-id, score");
      }
      byQuery
          .computeIfAbsent(cells[0], q -> new HashMap<>())
          // Corpus ids as the index keeps them (made safe in URLs the same way).
          .put(Ids.of(cells[1]), Integer.parseInt(cells[2].strip()));
    }
    return new Judgments(byQuery);
  }
}
