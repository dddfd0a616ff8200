package org.maptoolkit.search.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * Matches a fixed set of documents of one index reader, each with a score decided beforehand: the
 * records a vector search or a fusion ranked, as a query, so that filters, facets, sorts, totals
 * and cursors treat them like any other. Valid only on the reader whose doc ids it holds.
 */
final class DocScoresQuery extends Query {
  private final Object readerKey;
  private final int[] docs;
  private final float[] scores;

  /** {@code scores}: top-level doc id of {@code reader} to score. */
  DocScoresQuery(IndexReader reader, Map<Integer, Float> scores) {
    this.readerKey = reader.getContext().id();
    this.docs = scores.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    this.scores = new float[docs.length];
    for (int i = 0; i < docs.length; i++) {
      this.scores[i] = scores.get(docs[i]);
    }
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    if (searcher.getIndexReader().getContext().id() != readerKey) {
      throw new IllegalStateException("doc ids of another index reader");
    }
    return new Weight(this) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) {
        int from = lowerBound(context.docBase);
        int to = lowerBound(context.docBase + context.reader().maxDoc());
        if (from == to) {
          return null;
        }
        return new DefaultScorerSupplier(new Scores(context.docBase, from, to, boost));
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        return false;
      }

      @Override
      public Explanation explain(LeafReaderContext context, int doc) {
        int i = Arrays.binarySearch(docs, context.docBase + doc);
        return i >= 0
            ? Explanation.match(scores[i] * boost, "a score decided before the search")
            : Explanation.noMatch("not among the documents ranked");
      }
    };
  }

  private int lowerBound(int doc) {
    int i = Arrays.binarySearch(docs, doc);
    return i >= 0 ? i : -i - 1;
  }

  /** The documents of one segment, in order, with their scores. */
  private final class Scores extends Scorer {
    private final int base;
    private final int from;
    private final int to;
    private final float boost;
    private int i;

    Scores(int base, int from, int to, float boost) {
      this.base = base;
      this.from = from;
      this.to = to;
      this.boost = boost;
      this.i = from - 1;
    }

    private final DocIdSetIterator iterator =
        new DocIdSetIterator() {
          @Override
          public int docID() {
            return Scores.this.docID();
          }

          @Override
          public int nextDoc() {
            i++;
            return docID();
          }

          @Override
          public int advance(int target) throws IOException {
            return slowAdvance(target);
          }

          @Override
          public long cost() {
            return (long) to - from;
          }
        };

    @Override
    public int docID() {
      if (i < from) {
        return -1;
      }
      return i >= to ? DocIdSetIterator.NO_MORE_DOCS : docs[i] - base;
    }

    @Override
    public DocIdSetIterator iterator() {
      return iterator;
    }

    @Override
    public float getMaxScore(int upTo) {
      float max = 0;
      for (int j = from; j < to; j++) {
        max = Math.max(max, scores[j] * boost);
      }
      return max;
    }

    @Override
    public float score() {
      return scores[i] * boost;
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "DocScores(" + docs.length + " documents)";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && readerKey == ((DocScoresQuery) other).readerKey
        && Arrays.equals(docs, ((DocScoresQuery) other).docs)
        && Arrays.equals(scores, ((DocScoresQuery) other).scores);
  }

  @Override
  public int hashCode() {
    return 31 * classHash() + 31 * Arrays.hashCode(docs) + Arrays.hashCode(scores);
  }
}
