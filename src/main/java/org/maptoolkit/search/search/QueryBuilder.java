package org.maptoolkit.search.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.AttributeSource;
import org.maptoolkit.search.index.IndexFields;

/**
 * Turns what a user typed into a Lucene query over the text fields, weighted so that titles,
 * summaries and key features count for more than long document text. Lucene syntax (quotes,
 * AND/OR/NOT, -word, field:) works; text that is not valid syntax is searched as plain words.
 */
public final class QueryBuilder {
  /**
   * Field weights, measured with {@code map-search eval} (README, "Relevance"): BM25 over the whole
   * record ({@code all}) carries the score; titles, summaries, key features and impact add to it,
   * so they weigh more than the same words deep in a linked PDF. Weighting separate fields alone
   * (title^3 + text) scored far worse (nDCG@10 0.594 on SciFact against 0.698).
   */
  static final Map<String, Float> BOOSTS =
      Map.of(
          IndexFields.ALL, 1.0f,
          IndexFields.TITLE, 0.3f,
          IndexFields.SUMMARY, 0.3f,
          IndexFields.FEATURES, 0.2f,
          IndexFields.IMPACT, 0.2f);

  private final Analyzer analyzer;

  /**
   * A parsed query; {@code fallback} is true when the syntax was invalid, {@code plain} when the
   * text was plain words (see {@link PlainWords}).
   */
  public record Parsed(Query query, boolean fallback, boolean plain) {
    public Parsed(Query query, boolean fallback) {
      this(query, fallback, false);
    }

    /**
     * The query to run on {@code searcher}: for plain words, with their statistics looked up once
     * and the words a field does not hold left out (the same hits and scores, for less work).
     */
    public Query resolved(IndexSearcher searcher) throws IOException {
      return plain ? PlainWords.resolve(searcher, query) : query;
    }
  }

  public QueryBuilder(Analyzer queryAnalyzer) {
    this.analyzer = queryAnalyzer;
  }

  public Parsed parse(String text) {
    if (text == null || text.isBlank()) {
      return new Parsed(MatchAllDocsQuery.INSTANCE, false);
    }
    Query plain = PlainWords.query(text, analyzer, FIELDS, BOOSTS);
    if (plain != null) {
      return new Parsed(plain, false, true);
    }
    return parseSyntax(text);
  }

  /** What the query parser makes of {@code text} (syntax, synonyms, or text that is neither). */
  Parsed parseSyntax(String text) {
    // A slash would start a regular expression, which the public endpoint never runs.
    String safe = text.replace("/", "\\/");
    try {
      return new Parsed(parser().parse(safe), false);
    } catch (ParseException | IndexSearcher.TooManyClauses | IllegalArgumentException e) {
      tooComplex(e);
      try {
        return new Parsed(parser().parse(QueryParser.escape(text)), true);
      } catch (ParseException | IndexSearcher.TooManyClauses second) {
        tooComplex(second);
        // Nothing of the text can be searched: match nothing rather than everything.
        return new Parsed(org.apache.lucene.search.MatchNoDocsQuery.INSTANCE, true);
      }
    }
  }

  /** A query with more terms than a search may hold is refused, never silently cut down. */
  private static void tooComplex(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IndexSearcher.TooManyClauses) {
        throw new QueryTooComplexException(
            "the query expands to more than " + IndexSearcher.getMaxClauseCount() + " terms");
      }
    }
  }

  /**
   * A one-word query allowing typos: one edit for words up to five letters, two for longer ones, on
   * the combined field, with the exact word still scoring highest.
   */
  public Parsed fuzzy(String word) {
    String w = word.toLowerCase(java.util.Locale.ROOT);
    int edits = w.length() <= 5 ? 1 : 2;
    return new Parsed(
        new org.apache.lucene.search.FuzzyQuery(
            new org.apache.lucene.index.Term(IndexFields.ALL, w), edits, 1),
        false);
  }

  /** The weighted fields in a fixed order (the parser's clause order follows it). */
  private static final String[] FIELDS = BOOSTS.keySet().stream().sorted().toArray(String[]::new);

  private QueryParser parser() {
    MultiFieldQueryParser parser = new OnceAnalyzed(FIELDS, analyzer, new HashMap<>(BOOSTS));
    parser.setDefaultOperator(QueryParser.Operator.OR);
    parser.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
    parser.setSplitOnWhitespace(false);
    parser.setAllowLeadingWildcard(false);
    return parser;
  }

  /**
   * The multi-field parser, analysing each piece of query text once rather than once per field: the
   * query analyzer treats every field alike, so its tokens for the title are its tokens for the
   * summary, and the same query is built from one recording of them. Analysis (synonyms, British
   * spellings, stemming) was most of the cost of parsing, five times over.
   */
  private static final class OnceAnalyzed extends MultiFieldQueryParser {
    private String recordedText;
    private Recording recording;

    OnceAnalyzed(String[] fields, Analyzer analyzer, Map<String, Float> boosts) {
      super(fields, analyzer, boosts);
    }

    @Override
    protected Query createFieldQuery(
        Analyzer analyzer,
        BooleanClause.Occur operator,
        String field,
        String queryText,
        boolean quoted,
        int phraseSlop) {
      if (analyzer != getAnalyzer()) {
        return super.createFieldQuery(analyzer, operator, field, queryText, quoted, phraseSlop);
      }
      if (recording == null || !queryText.equals(recordedText)) {
        recording = Recording.of(analyzer, field, queryText);
        recordedText = queryText;
      }
      try (TokenStream replay = recording.replay()) {
        return createFieldQuery(replay, operator, field, quoted, phraseSlop);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The tokens (every attribute) one analysis of a text gave, to be played back per field. */
  private record Recording(
      AttributeSource attributes, List<AttributeSource.State> tokens, AttributeSource.State end) {
    static Recording of(Analyzer analyzer, String field, String text) {
      try (TokenStream stream = analyzer.tokenStream(field, text)) {
        List<AttributeSource.State> tokens = new ArrayList<>();
        stream.reset();
        while (stream.incrementToken()) {
          tokens.add(stream.captureState());
        }
        stream.end();
        return new Recording(stream.cloneAttributes(), tokens, stream.captureState());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    TokenStream replay() {
      return new Replay(this);
    }
  }

  /** A token stream that plays a recording back, as Lucene's caching filter replays its cache. */
  private static final class Replay extends TokenStream {
    private final Recording recording;
    private int next;

    Replay(Recording recording) {
      super(recording.attributes().cloneAttributes());
      this.recording = recording;
    }

    @Override
    public boolean incrementToken() {
      if (next >= recording.tokens().size()) {
        return false;
      }
      restoreState(recording.tokens().get(next++));
      return true;
    }

    @Override
    public void end() {
      restoreState(recording.end());
    }

    @Override
    public void reset() {
      next = 0;
    }
  }
}
