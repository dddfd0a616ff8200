package org.maptoolkit.search.bench;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHitCountCollectorManager;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.index.IndexStore;

/**
 * The same work as a service search done with Lucene alone (IndexSearcher, facet counting,
 * UnifiedHighlighter), as the baseline that the service's overhead is measured against.
 */
final class RawLucene {
  private static final String[] SNIPPET_FIELDS = {
    IndexFields.SUMMARY, IndexFields.FEATURES, IndexFields.IMPACT, IndexFields.TEXT, IndexFields.DOC
  };

  private final IndexStore store;
  private final Analyzer analyzer;

  RawLucene(IndexStore store, Analyzer analyzer) {
    this.store = store;
    this.analyzer = analyzer;
  }

  /**
   * Top ten, optionally with facet counts and snippets; returns the hit count to keep it honest.
   */
  long search(Query query, boolean facetsAndSnippets) throws IOException {
    try (IndexStore.Lease lease = store.lease()) {
      IndexStore.FacetedSearcher searcher = lease.searcher();
      if (!facetsAndSnippets) {
        // The top ten and the exact count in one pass, as the service answers.
        Object[] both =
            searcher.search(
                query,
                new MultiCollectorManager(
                    new TopScoreDocCollectorManager(10, null, 10),
                    new TotalHitCountCollectorManager(searcher.getSlices())));
        TopDocs top = (TopDocs) both[0];
        readRecords(searcher, top);
        return (Integer) both[1];
      }
      FacetsCollectorManager.FacetsResult result =
          FacetsCollectorManager.search(searcher, query, 10, new FacetsCollectorManager());
      TopDocs top = result.topDocs();
      FacetsCollector fc = result.facetsCollector();
      if (searcher.facetState() != null) {
        Facets facets = new SortedSetDocValuesFacetCounts(searcher.facetState(), fc);
        for (String dim : IndexFields.FACETS) {
          try {
            facets.getTopChildren(200, dim);
          } catch (IllegalArgumentException e) {
            // dimension without values
          }
        }
      }
      // The same passage settings as the service, so that both do the same work.
      UnifiedHighlighter highlighter =
          new UnifiedHighlighter(
              UnifiedHighlighter.builder(searcher, analyzer)
                  .withMaxLength(2_000_000)
                  .withFieldMatcher(field -> true)
                  .withMaxNoHighlightPassages(0)
                  // Per-term offsets rather than a query weight rebuilt for every field of every
                  // hit (rewrite, term lookups, matches): a third of a search's time.
                  .withWeightMatches(false)
                  .withBreakIterator(
                      () ->
                          LengthGoalBreakIterator.createClosestToLength(
                              new CustomSeparatorBreakIterator(' '), 160, 0.5f))) {
            @Override
            protected OffsetSource getOffsetSource(String field) {
              return OffsetSource.POSTINGS;
            }
          };
      int[] maxPassages = new int[SNIPPET_FIELDS.length];
      java.util.Arrays.fill(maxPassages, 1);
      highlighter.highlightFields(SNIPPET_FIELDS, query, top, maxPassages);
      readRecords(searcher, top);
      return top.totalHits.value();
    }
  }

  /** The bytes of each hit's record, where the service keeps them (doc values). */
  private static void readRecords(IndexStore.FacetedSearcher searcher, TopDocs top)
      throws IOException {
    var leaves = searcher.getIndexReader().leaves();
    for (var sd : top.scoreDocs) {
      var leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
      BinaryDocValues values = leaf.reader().getBinaryDocValues(IndexFields.RECORD);
      if (values != null && values.advanceExact(sd.doc - leaf.docBase)) {
        values.binaryValue();
      }
    }
  }
}
