package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.search.eval.Metrics;

/** A small judged set over the samples, held as a regression floor for relevance. */
class SamplesRelevanceTest {
  @RegisterExtension static final SamplesIndex SAMPLES = new SamplesIndex();

  @Test
  void librariansQueriesFindTheRightDriversFirst() throws Exception {
    Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(Path.of("src/test/resources/relevance/samples-judged.tsv"))) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("query\t")) {
        continue;
      }
      String[] cells = line.split("\t");
      judged
          .computeIfAbsent(cells[0], q -> new LinkedHashMap<>())
          .put(cells[1], Integer.parseInt(cells[2]));
    }
    double ndcg = 0;
    double mrr = 0;
    List<String> misses = new ArrayList<>();
    SearchService search = Services.searchService(SAMPLES.store());
    for (var query : judged.entrySet()) {
      List<String> ranked =
          search
              .search(
                  new SearchRequest(query.getKey(), Map.of(), SearchRequest.Sort.RELEVANCE, 1, 10),
                  new SearchService.Options(false, false))
              .hits()
              .stream()
              .map(h -> h.id())
              .toList();
      double n = Metrics.ndcg(ranked, query.getValue(), 10);
      double rr = Metrics.reciprocalRank(ranked, query.getValue(), 10);
      if (rr < 1) {
        misses.add(query.getKey() + " -> " + ranked.stream().limit(3).toList());
      }
      ndcg += n;
      mrr += rr;
    }
    ndcg /= judged.size();
    mrr /= judged.size();
    System.out.printf(
        "samples: %d judged queries, nDCG@10 %.3f, MRR@10 %.3f; not first: %s%n",
        judged.size(), ndcg, mrr, misses);

    assertThat(ndcg).isGreaterThanOrEqualTo(0.92);
    assertThat(mrr).isGreaterThanOrEqualTo(0.95);
  }
}
