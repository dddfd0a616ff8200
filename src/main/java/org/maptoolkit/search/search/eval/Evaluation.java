package org.maptoolkit.search.search.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;

/**
 * Runs a BEIR collection's judged queries through the service's own search and scores the ranking.
 * The collection must already be indexed (see the eval command, which indexes it through the same
 * ingest pipeline the service uses).
 */
public final class Evaluation {
  /** The averaged figures over the judged queries that have at least one relevant document. */
  public record Result(
      double ndcgAt10, double recallAt100, double mrrAt10, int queries, long docs) {}

  private final SearchService search;

  public Evaluation(SearchService search) {
    this.search = search;
  }

  /** Query id to query text, from a BEIR {@code queries.jsonl}. */
  public static Map<String, String> queries(Path jsonl) throws IOException {
    ObjectMapper json = Json.mapper();
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(jsonl)) {
      if (!line.isBlank()) {
        JsonNode q = json.readTree(line);
        out.put(q.get("_id").asText(), q.get("text").asText());
      }
    }
    return out;
  }

  public Result run(Map<String, String> queries, Judgments judgments, long docs) {
    return run(queries, judgments, docs, SearchRequest.Mode.KEYWORD);
  }

  /** The judged queries run in {@code mode}. */
  public Result run(
      Map<String, String> queries, Judgments judgments, long docs, SearchRequest.Mode mode) {
    double ndcg = 0;
    double recall = 0;
    double mrr = 0;
    int n = 0;
    for (Map.Entry<String, Map<String, Integer>> judged : judgments.byQuery().entrySet()) {
      String text = queries.get(judged.getKey());
      if (text == null || judged.getValue().values().stream().noneMatch(g -> g > 0)) {
        continue;
      }
      SearchResult result =
          search.search(
              new SearchRequest(text, Map.of(), SearchRequest.Sort.RELEVANCE, 1, 100).inMode(mode),
              new SearchService.Options(false, false));
      List<String> ranked = new ArrayList<>();
      result.hits().forEach(h -> ranked.add(h.record().id()));
      ndcg += Metrics.ndcg(ranked, judged.getValue(), 10);
      recall += Metrics.recall(ranked, judged.getValue(), 100);
      mrr += Metrics.reciprocalRank(ranked, judged.getValue(), 10);
      n++;
    }
    return n == 0
        ? new Result(0, 0, 0, 0, docs)
        : new Result(ndcg / n, recall / n, mrr / n, n, docs);
  }
}
