package org.maptoolkit.search.search;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * A query's own score {@code s} mapped to {@code s / (1 + s)}: the same order, always below 1. A
 * hybrid search ranks its fused records from 1 up and the other keyword matches under them.
 */
final class Squashed extends DoubleValuesSource {
  static final Squashed SCORES = new Squashed();

  private Squashed() {}

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) {
    return new DoubleValues() {
      @Override
      public double doubleValue() throws IOException {
        double s = scores.doubleValue();
        return s / (1 + s);
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        return scores.advanceExact(doc);
      }
    };
  }

  @Override
  public boolean needsScores() {
    return true;
  }

  @Override
  public DoubleValuesSource rewrite(IndexSearcher searcher) {
    return this;
  }

  @Override
  public boolean isCacheable(LeafReaderContext ctx) {
    return false;
  }

  @Override
  public int hashCode() {
    return Squashed.class.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Squashed;
  }

  @Override
  public String toString() {
    return "s/(1+s)";
  }
}
