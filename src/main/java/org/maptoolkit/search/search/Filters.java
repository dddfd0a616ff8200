package org.maptoolkit.search.search;

import java.time.LocalDate;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.index.IndexFields;

/**
 * A search's filters as Lucene queries: date ranges on the text query, and each selected facet as a
 * drill-down dimension (stored facets by value, review currency as date ranges), so that
 * drill-sideways can count each facet as if its own selection were not applied.
 */
final class Filters {
  private Filters() {}

  /** The text query restricted to the request's publication and update dates. */
  static Query withDates(Query text, SearchRequest request) {
    if (request.published() == null && request.updated() == null) {
      return text;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    addRange(b, IndexFields.PUBLISHED, request.published());
    addRange(b, IndexFields.UPDATED, request.updated());
    return b.build();
  }

  /** {@code base} drilled down by every selected facet value (values of one facet OR'ed). */
  static DrillDownQuery drillDown(
      FacetsConfig config, Query base, SearchRequest request, LocalDate today) {
    DrillDownQuery drill = new DrillDownQuery(config, base);
    request
        .filters()
        .forEach(
            (name, values) -> {
              Facet facet =
                  Facet.named(name)
                      .orElseThrow(() -> new IllegalArgumentException("no facet " + name));
              if (facet.indexed()) {
                for (String value : values) {
                  drill.add(name, value);
                }
              } else if (facet.equals(Facet.REVIEW)) {
                drill.add(name, review(values, today));
              }
            });
    return drill;
  }

  /** Records whose review date falls in any of the selected currency buckets. */
  static Query review(List<String> buckets, LocalDate today) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String bucket : buckets) {
      any.add(reviewBucket(bucket, today), BooleanClause.Occur.SHOULD);
    }
    return any.build();
  }

  /** The review dates of one currency bucket, as epoch days. */
  static long[] reviewRange(String bucket, LocalDate today) {
    long now = today.toEpochDay();
    long soon = today.plusMonths(3).toEpochDay();
    return switch (bucket) {
      case "overdue" -> new long[] {Long.MIN_VALUE, now - 1};
      case "due-soon" -> new long[] {now, soon};
      case "current" -> new long[] {soon + 1, Long.MAX_VALUE};
      default -> throw new IllegalArgumentException("no review bucket " + bucket);
    };
  }

  private static Query reviewBucket(String bucket, LocalDate today) {
    long[] range = reviewRange(bucket, today);
    return LongPoint.newRangeQuery(IndexFields.REVIEW, range[0], range[1]);
  }

  private static void addRange(BooleanQuery.Builder b, String field, SearchRequest.DateRange r) {
    if (r != null) {
      long from = r.from() == null ? Long.MIN_VALUE : r.from().toEpochDay();
      long to = r.to() == null ? Long.MAX_VALUE : r.to().toEpochDay();
      b.add(LongPoint.newRangeQuery(field, from, to), BooleanClause.Occur.FILTER);
    }
  }
}
