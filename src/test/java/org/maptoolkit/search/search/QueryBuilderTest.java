package org.maptoolkit.search.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.ingest.Vocabulary;

/**
 * The parser that analyses query text once builds exactly the query Lucene's multi-field parser
 * builds analysing it once per field: synonyms (one word and several), phrases, syntax, spellings.
 */
class QueryBuilderTest {
  static final Analyzer ANALYZER = analyzer();

  private static Analyzer analyzer() {
    try {
      return Analysis.queryAnalyzer(Vocabulary.resourceLines("synonyms.txt"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> queries() {
    return List.of(
        "cancer cells",
        "0-dimensional biomaterials show inductive properties.",
        "STP",
        "sustainability and transformation plan",
        "the STP and the ICB in an integrated care system",
        "\"knowledge management\"",
        "\"knowledge management\"~3 library",
        "\"sustainability and transformation plan\" leaders",
        "organisation OR organization",
        "paediatric pediatric wards",
        "+workforce -training",
        "title:workforce summary",
        "know*",
        "organisaton~",
        "a/b c",
        "AND",
        "the of and",
        "Gesundheitsförderung café naïve",
        "NHS England's long-term plan",
        "(mental health) AND (children OR young people)",
        "health education england",
        "kfh lks",
        "male prisoners harming female prisoners",
        "cell cells cell (cellular) wards",
        "NF2 (Merlin) causes phosphorylation",
        "x (y) z",
        "nurses (ward (night shifts)) rota",
        "a (b",
        "a) b",
        "() cells",
        "(-x) y",
        "(a)-b",
        "n348i mutations cause resistance to zidovudine \\(azt\\).",
        "pro- and anti-inflammatory \\- g \\- quadruplex",
        "waiting TO lists",
        "nurses AND",
        "ward\u00a0rota\u3000night\tshift",
        "cost £5m & 10% rise",
        "x");
  }

  @ParameterizedTest
  @MethodSource("queries")
  void sameQueryAsAnalysingPerField(String text) throws Exception {
    Query once = new QueryBuilder(ANALYZER).parseSyntax(text).query();
    assertThat(once).isEqualTo(reference(text));
  }

  /**
   * Plain words skip the parser: their query is what Lucene's rewrite makes of the parser's, and
   * already rewritten (the rewrite gives back the same query), so searching it skips those passes.
   */
  @ParameterizedTest
  @MethodSource("queries")
  void plainWordsGiveTheParsersRewrittenQuery(String text) throws Exception {
    QueryBuilder.Parsed parsed = new QueryBuilder(ANALYZER).parse(text);
    IndexSearcher searcher = emptyIndex();
    Query expected = searcher.rewrite(reference(text));
    if (parsed.plain()) {
      assertThat(parsed.query()).isEqualTo(expected);
      assertThat(searcher.rewrite(parsed.query())).isSameAs(parsed.query());
    } else {
      assertThat(searcher.rewrite(parsed.query())).isEqualTo(expected);
    }
  }

  /**
   * Which texts count as plain words, by the classic parser's grammar: no operator, quote,
   * wildcard, field name or leading sign; by the analyzer: no synonym and no word twice.
   */
  @Test
  void plainWordsAreTextWithoutSyntaxSynonymsOrRepeats() {
    QueryBuilder builder = new QueryBuilder(ANALYZER);
    List<String> plain = queries().stream().filter(text -> builder.parse(text).plain()).toList();
    assertThat(plain)
        .containsExactly(
            "cancer cells",
            "0-dimensional biomaterials show inductive properties.",
            "a/b c",
            "Gesundheitsförderung café naïve",
            "NHS England's long-term plan",
            "NF2 (Merlin) causes phosphorylation",
            "x (y) z",
            "nurses (ward (night shifts)) rota",
            "n348i mutations cause resistance to zidovudine \\(azt\\).",
            "pro- and anti-inflammatory \\- g \\- quadruplex",
            "waiting TO lists",
            "ward\u00a0rota\u3000night\tshift",
            "x");
  }

  private static IndexSearcher emptyIndex() throws java.io.IOException {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    new IndexWriter(directory, new IndexWriterConfig()).close();
    return new IndexSearcher(DirectoryReader.open(directory));
  }

  /** The parser as it was: Lucene's, analysing the text for every field. */
  private static Query reference(String text) throws Exception {
    String[] fields = QueryBuilder.BOOSTS.keySet().stream().sorted().toArray(String[]::new);
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(fields, ANALYZER, new HashMap<>(QueryBuilder.BOOSTS));
    parser.setDefaultOperator(QueryParser.Operator.OR);
    parser.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
    parser.setSplitOnWhitespace(false);
    parser.setAllowLeadingWildcard(false);
    try {
      return parser.parse(text.replace("/", "\\/"));
    } catch (org.apache.lucene.queryparser.classic.ParseException e) {
      // Invalid syntax is searched as plain words, as QueryBuilder does.
      try {
        return parser.parse(QueryParser.escape(text));
      } catch (org.apache.lucene.queryparser.classic.ParseException second) {
        return org.apache.lucene.search.MatchNoDocsQuery.INSTANCE;
      }
    }
  }
}
