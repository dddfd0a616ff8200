package org.maptoolkit.search.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Fixtures;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.TikaExtractor;
import org.maptoolkit.search.ingest.Vocabulary;

/**
 * The result caches on a real index: a repeated search or suggestion is answered from the cache,
 * and a commit that changes the index is seen at once (nothing stale is served); partial results
 * are never kept.
 */
class ResultCacheTest {
  @TempDir Path dir;

  private void ingest(Path site, IndexStore store) throws Exception {
    try (TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT)) {
      new Ingester(store, extractor, Vocabulary.bundled(), null, 2)
          .ingest(Source.open(site), true, Ingester.Progress.NONE);
    }
    store.refresh();
  }

  private static void page(Path site, String name, String title, String text) throws Exception {
    Fixtures.write(
        site.resolve("drivers/" + name + ".html"),
        Fixtures.driver(title, "NHS England", "All", "2020", "https://example.org", text));
  }

  @Test
  void repeatsAreServedFromTheCacheUntilACommitChangesTheIndex() throws Exception {
    Path site = dir.resolve("site");
    page(site, "one", "Workforce retention", "Retaining nurses in the workforce.");
    page(site, "two", "Digital skills", "Digital literacy for all staff.");
    try (IndexStore store = IndexStore.open(dir.resolve("index"))) {
      ingest(site, store);
      SearchService search =
          new SearchService(
              store,
              Analysis.queryAnalyzer(List.of()),
              Clock.systemUTC(),
              SearchService.DEFAULT_TIMEOUT_MILLIS,
              10);
      SearchRequest workforce = SearchRequest.of("workforce");

      SearchResult first = search.search(workforce);
      SearchResult again = search.search(workforce);
      assertThat(first.total()).isEqualTo(1);
      assertThat(again.withTook(0)).isEqualTo(first.withTook(0));
      assertThat(search.cacheStats()).isEqualTo(new ResultCache.Stats(1, 1, 1, 10));

      // Another page about the workforce: the next search sees it, not the cached answer.
      page(site, "three", "Workforce plan", "Training more staff for the workforce.");
      ingest(site, store);
      SearchResult after = search.search(workforce);
      assertThat(after.total()).isEqualTo(2);
      assertThat(after.hits()).extracting(SearchResult.Hit::id).contains("drivers:three");
      assertThat(search.cacheStats()).isEqualTo(new ResultCache.Stats(1, 2, 1, 10));

      DiscoveryService discovery = new DiscoveryService(store, Analysis.indexAnalyzer(), 10);
      List<DiscoveryService.Suggestion> typed = discovery.suggest("work", 5);
      assertThat(discovery.suggest("Work ", 5)).isEqualTo(typed);
      assertThat(typed)
          .extracting(DiscoveryService.Suggestion::text)
          .contains("Workforce plan", "Workforce retention");
      assertThat(discovery.cacheStats()).isEqualTo(new ResultCache.Stats(1, 1, 1, 10));
    }
  }

  @Test
  void partialResultsAreNotKept() throws Exception {
    Path site = dir.resolve("site");
    page(site, "one", "Workforce retention", "Retaining nurses in the workforce.");
    try (IndexStore store = IndexStore.open(dir.resolve("index"))) {
      ingest(site, store);
      // No time at all: every search runs out of time and is partial.
      SearchService search =
          new SearchService(store, Analysis.queryAnalyzer(List.of()), Clock.systemUTC(), 0, 10);
      assertThat(search.search(SearchRequest.of("workforce")).partial()).isTrue();
      assertThat(search.search(SearchRequest.of("workforce")).partial()).isTrue();
      assertThat(search.cacheStats()).isEqualTo(new ResultCache.Stats(0, 2, 0, 10));
    }
  }

  @Test
  void aCacheOfNothingComputesEveryTime() {
    ResultCache<String, String> off = new ResultCache<>(0);
    int[] computed = {0};
    off.get(null, "k", () -> "v" + ++computed[0], v -> true);
    assertThat(off.get(null, "k", () -> "v" + ++computed[0], v -> true)).isEqualTo("v2");
    assertThat(off.stats()).isEqualTo(new ResultCache.Stats(0, 0, 0, 0));
  }
}
