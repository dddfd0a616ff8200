package org.maptoolkit.search.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The query for plain words (no operators, quotes, wildcards or field names, though parentheses may
 * group them; no synonyms; no word twice), built straight from one analysis in the form Lucene's
 * rewrite gives the multi-field parser's query: one flat disjunction of every word in every
 * weighted field. For such text the parser, its per-field queries and three rewrite passes cost
 * more than scoring the matches.
 */
final class PlainWords {
  /** Whitespace as the classic query parser's grammar knows it; other spaces belong to words. */
  private static final String PARSER_SPACE = " \t\n\r\u3000";

  /** Characters that are syntax anywhere in the classic parser when not escaped. */
  private static final String SYNTAX = "!:^[]\"{}~*?&|";

  private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT");

  private PlainWords() {}

  /**
   * The query for {@code text}, or null when the text is not plain words: then the parser decides
   * what it means.
   */
  static Query query(String text, Analyzer analyzer, String[] fields, Map<String, Float> boosts) {
    String words = words(text);
    if (words == null) {
      return null;
    }
    List<BytesRef> terms = terms(analyzer, fields[0], words);
    if (terms == null
        || terms.isEmpty()
        || terms.size() * fields.length > IndexSearcher.getMaxClauseCount()) {
      return null;
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (BytesRef term : terms) {
      addFields(query, term, fields, boosts);
    }
    return query.build();
  }

  private static void addFields(
      BooleanQuery.Builder query, BytesRef term, String[] fields, Map<String, Float> boosts) {
    for (String field : fields) {
      Query clause = new TermQuery(new Term(field, term));
      float boost = boosts.get(field);
      query.add(boost == 1f ? clause : new BoostQuery(clause, boost), BooleanClause.Occur.SHOULD);
    }
  }

  /**
   * The same query with each word's statistics looked up once in {@code searcher}'s index, and the
   * words a field does not hold left out: they would match nothing and add nothing to any score,
   * but each still cost a lookup, a weight and a scorer per search.
   */
  static Query resolve(IndexSearcher searcher, Query plain) throws IOException {
    BooleanQuery.Builder resolved = new BooleanQuery.Builder();
    for (BooleanClause clause : (BooleanQuery) plain) {
      Query query = clause.query();
      float boost = 1f;
      if (query instanceof BoostQuery boosted) {
        boost = boosted.getBoost();
        query = boosted.getQuery();
      }
      Term term = ((TermQuery) query).getTerm();
      TermStates states = TermStates.build(searcher, term, true);
      if (states.docFreq() > 0) {
        Query found = new TermQuery(term, states);
        resolved.add(boost == 1f ? found : new BoostQuery(found, boost), clause.occur());
      }
    }
    return resolved.build();
  }

  /**
   * The text the parser would analyse (its words joined by one space, escapes removed), or null
   * when any of it is syntax: an operator, a quote, a wildcard, a field name, a leading + or -. A
   * slash is a plain character, as {@link QueryBuilder} escapes slashes before parsing.
   */
  private static String words(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int wordStart = -1;
    int depth = 0;
    boolean wordInGroup = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (PARSER_SPACE.indexOf(c) >= 0 || c == '(' || c == ')') {
        if (wordStart >= 0 && OPERATORS.contains(out.substring(wordStart))) {
          return null;
        }
        wordStart = -1;
        if (c == '(') {
          depth++;
          wordInGroup = false;
        } else if (c == ')') {
          // Parentheses around plain words only group them: Lucene's rewrite flattens the groups
          // of a disjunction. An empty or unbalanced group is a syntax error, for the parser.
          if (--depth < 0 || !wordInGroup) {
            return null;
          }
        }
        continue;
      }
      if (wordStart < 0) {
        if (c == '+' || c == '-') {
          return null;
        }
        if (!out.isEmpty()) {
          out.append(' ');
        }
        wordStart = out.length();
        wordInGroup = true;
      }
      if (c == '\\') {
        // An escaped character is part of the word; \\u starts a Unicode escape, left to the
        // parser.
        if (i + 1 >= text.length() || text.charAt(i + 1) == 'u' || text.charAt(i + 1) == '/') {
          return null;
        }
        out.append(text.charAt(++i));
        continue;
      }
      if (SYNTAX.indexOf(c) >= 0) {
        return null;
      }
      out.append(c);
    }
    if (depth != 0 || (wordStart >= 0 && OPERATORS.contains(out.substring(wordStart)))) {
      return null;
    }
    return out.toString();
  }

  /**
   * The analysed terms in order, or null when analysis stacked synonyms (a token at the position of
   * the one before, or spanning several) or gave a term twice: Lucene's rewrite merges repeats in
   * an order of its own, and a sum of scores in another order can differ in its last bit.
   */
  private static List<BytesRef> terms(Analyzer analyzer, String field, String words) {
    try (TokenStream stream = analyzer.tokenStream(field, words)) {
      TermToBytesRefAttribute term = stream.getAttribute(TermToBytesRefAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
      List<BytesRef> terms = new ArrayList<>();
      stream.reset();
      while (stream.incrementToken()) {
        BytesRef bytes = BytesRef.deepCopyOf(term.getBytesRef());
        if (increment.getPositionIncrement() == 0
            || length.getPositionLength() > 1
            || terms.contains(bytes)) {
          return null;
        }
        terms.add(bytes);
      }
      stream.end();
      return terms;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
