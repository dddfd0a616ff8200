package org.maptoolkit.search.search;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.index.IndexFields;

/**
 * Drill-sideways for every facet of the registry: each facet is counted over the records matching
 * everything but its own selection, so ticking a second value shows what it adds. Stored facets are
 * counted from their doc values, review currency from the review dates of the same records, in the
 * one pass drill-sideways makes.
 */
final class FacetCounter extends DrillSideways {
  /** Values listed per facet; more than any facet has in practice, bounded for safety. */
  private static final int MAX_VALUES = 200;

  private final LocalDate today;
  private Map<String, List<SearchResult.FacetValue>> counts = Map.of();

  FacetCounter(
      IndexSearcher searcher,
      FacetsConfig config,
      SortedSetDocValuesReaderState state,
      LocalDate today) {
    super(searcher, config, state);
    this.today = today;
  }

  /** The counts of the last search, by facet name in registry order. */
  Map<String, List<SearchResult.FacetValue>> counts() {
    return counts;
  }

  @Override
  protected Facets buildFacetsResult(
      FacetsCollector drillDowns, FacetsCollector[] drillSideways, String[] drillSidewaysDims)
      throws IOException {
    Map<String, FacetsCollector> sideways = new HashMap<>();
    // Without drill-down dimensions, drill-sideways passes no sideways collectors at all.
    for (int i = 0; drillSidewaysDims != null && i < drillSidewaysDims.length; i++) {
      sideways.put(drillSidewaysDims[i], drillSideways[i]);
    }
    Map<FacetsCollector, Facets> stored = new HashMap<>();
    Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
    for (Facet facet : Facet.ALL) {
      FacetsCollector matching = sideways.getOrDefault(facet.name(), drillDowns);
      List<SearchResult.FacetValue> values;
      if (facet.indexed()) {
        Facets facets = stored.get(matching);
        if (facets == null) {
          facets = new SortedSetDocValuesFacetCounts(state, matching);
          stored.put(matching, facets);
        }
        values = stored(facets, facet);
      } else {
        values = review(matching);
      }
      out.put(facet.name(), values);
    }
    counts = out;
    // The counts are read through counts(); drill-sideways only passes this object along.
    return null;
  }

  private static List<SearchResult.FacetValue> stored(Facets facets, Facet facet)
      throws IOException {
    List<SearchResult.FacetValue> values = new ArrayList<>();
    FacetResult result;
    try {
      result = facets.getTopChildren(MAX_VALUES, facet.name());
    } catch (IllegalArgumentException e) {
      // No record has a value for this facet.
      result = null;
    }
    if (result != null) {
      for (LabelAndValue lv : result.labelValues) {
        values.add(new SearchResult.FacetValue(lv.label, lv.value.longValue()));
      }
    }
    values.sort(order(facet));
    return values;
  }

  private static Comparator<SearchResult.FacetValue> order(Facet facet) {
    Comparator<SearchResult.FacetValue> byValue =
        Comparator.comparing(SearchResult.FacetValue::value);
    return switch (facet.order()) {
      case COUNT ->
          Comparator.comparingLong(SearchResult.FacetValue::count)
              .reversed()
              .thenComparing(byValue);
      case VALUE_DESCENDING -> byValue.reversed();
      case FIXED -> Comparator.comparingInt(v -> facet.closedValues().indexOf(v.value()));
    };
  }

  /** Current, due-soon and overdue counts from the review dates of the matching records. */
  private List<SearchResult.FacetValue> review(FacetsCollector matching) throws IOException {
    List<String> buckets = Facet.REVIEW.closedValues();
    long[][] ranges = new long[buckets.size()][];
    for (int i = 0; i < ranges.length; i++) {
      ranges[i] = Filters.reviewRange(buckets.get(i), today);
    }
    long[] counts = new long[buckets.size()];
    for (FacetsCollector.MatchingDocs docs : matching.getMatchingDocs()) {
      NumericDocValues dates = docs.context().reader().getNumericDocValues(IndexFields.REVIEW);
      DocIdSetIterator it = docs.bits() == null ? null : docs.bits().iterator();
      if (dates == null || it == null) {
        continue;
      }
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (dates.advanceExact(doc)) {
          long day = dates.longValue();
          for (int i = 0; i < ranges.length; i++) {
            if (day >= ranges[i][0] && day <= ranges[i][1]) {
              counts[i]++;
            }
          }
        }
      }
    }
    List<SearchResult.FacetValue> values = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      values.add(new SearchResult.FacetValue(buckets.get(i), counts[i]));
    }
    return values;
  }
}
