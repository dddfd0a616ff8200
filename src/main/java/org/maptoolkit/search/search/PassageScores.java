package org.maptoolkit.search.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 over the passage, with its default parameters), computed without the
 * hash table Lucene builds for every candidate passage.
 *
 * <p>{@link PassageScorer#score} counts each term's matches in a new {@code BytesRefHash}, whose
 * first use allocates a 32 KB block: on a long text that is one block for every passage with a
 * match, a fifth of the snippets' time in a profile of SciFact searches. A passage holds a handful
 * of matches, so a linear scan finds the distinct terms as quickly. The terms are numbered in the
 * order the hash numbers them (first match first) and the sum is taken in that order with the same
 * float and double steps, so every score is bit for bit Lucene's.
 */
final class PassageScores extends PassageScorer {
  @Override
  public float score(Passage passage, int contentLength) {
    int matches = passage.getNumMatches();
    BytesRef[] terms = passage.getMatchTerms();
    int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
    BytesRef[] distinct = new BytesRef[matches];
    int[] inPassage = new int[matches];
    int[] inDoc = new int[matches];
    int n = 0;
    for (int i = 0; i < matches; i++) {
      int t = 0;
      while (t < n && !distinct[t].bytesEquals(terms[i])) {
        t++;
      }
      if (t == n) {
        distinct[n] = terms[i];
        inDoc[n] = freqsInDoc[i];
        n++;
      }
      inPassage[t]++;
    }
    double score = 0;
    for (int t = 0; t < n; t++) {
      score += tf(inPassage[t], passage.getLength()) * weight(contentLength, inDoc[t]);
    }
    score *= norm(passage.getStartOffset());
    return (float) score;
  }
}
