package org.maptoolkit.search.search;

import java.io.IOException;
import java.util.Locale;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.maptoolkit.search.index.IndexFields;

/**
 * "Did you mean": corrects the words of a query that the index does not know, from the index's own
 * terms. Words are compared in lower case before stemming, against the title field, whose terms are
 * stemmed: a correction is only offered when it changes the query.
 */
final class Spelling {
  private Spelling() {}

  /** The query with unknown words corrected, or null when there is nothing to correct. */
  static String suggest(org.apache.lucene.search.IndexSearcher searcher, String query)
      throws IOException {
    IndexReader reader = searcher.getIndexReader();
    DirectSpellChecker checker = new DirectSpellChecker();
    checker.setMinQueryLength(4);
    StringBuilder out = new StringBuilder();
    boolean changed = false;
    for (String word : query.strip().split("\\s+")) {
      String lower = word.toLowerCase(Locale.ROOT);
      String replacement = word;
      if (lower.matches("\\p{L}{4,}")
          && reader.docFreq(new Term(IndexFields.SUGGEST, lower)) == 0) {
        SuggestWord[] words =
            checker.suggestSimilar(
                new Term(IndexFields.SUGGEST, lower),
                1,
                reader,
                SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        if (words.length > 0) {
          replacement = words[0].string;
          changed = true;
        }
      }
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(replacement);
    }
    return changed ? out.toString() : null;
  }
}
