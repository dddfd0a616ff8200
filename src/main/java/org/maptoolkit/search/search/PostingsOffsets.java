package org.maptoolkit.search.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.PostingsOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's offsets-from-postings strategy for one field, looking each query term up in the term
 * dictionary once per segment rather than once per hit.
 *
 * <p>The highlighter asks for each hit's offsets in turn, and Lucene seeks every query term in the
 * field's term dictionary again for each of them (a page of 10 hits, 5 fields and 12 words makes
 * 600 seeks, most for the same terms). Here the first seek keeps the term's state, later hits start
 * from it (or skip a term the field lacks), and each term's postings enum is reused. The offsets
 * found, and so the passages, are the same: each hit still gets fresh postings positioned on it, in
 * the same term order.
 */
final class PostingsOffsets extends PostingsOffsetStrategy {
  private Terms looked;
  private BytesRef[] lookedFor;
  private TermState[] states;
  private boolean[] done;
  private PostingsEnum[] reuse;

  PostingsOffsets(UHComponents components) {
    super(components);
  }

  @Override
  protected void createOffsetsEnumsForTerms(
      BytesRef[] terms, Terms index, int doc, List<OffsetsEnum> results) throws IOException {
    if (index != looked || terms != lookedFor) {
      // Another segment (or term list): what was looked up belongs to the old one.
      looked = index;
      lookedFor = terms;
      states = new TermState[terms.length];
      done = new boolean[terms.length];
      reuse = new PostingsEnum[terms.length];
    }
    TermsEnum termsEnum = index.iterator();
    for (int i = 0; i < terms.length; i++) {
      if (!done[i]) {
        done[i] = true;
        states[i] = termsEnum.seekExact(terms[i]) ? termsEnum.termState() : null;
      } else if (states[i] != null) {
        termsEnum.seekExact(terms[i], states[i]);
      }
      if (states[i] == null) {
        continue;
      }
      PostingsEnum postings = termsEnum.postings(reuse[i], PostingsEnum.OFFSETS);
      if (postings == null) {
        throw new IllegalArgumentException(
            "field '" + getField() + "' was indexed without offsets, cannot highlight");
      }
      reuse[i] = postings;
      if (doc == postings.advance(doc)) {
        results.add(new OffsetsEnum.OfPostings(terms[i], postings));
      }
    }
  }
}
