package org.maptoolkit.search.index;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * English analysis for indexing and querying. The query side adds NHS acronyms and synonyms, so
 * typing "STP" or "sustainability and transformation plan" finds both without bloating the index.
 */
public final class Analysis {
  private static final CharArraySet STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  private Analysis() {}

  /** The analyzer for indexed text. */
  public static Analyzer indexAnalyzer() {
    return new EnglishText(null);
  }

  /** The analyzer for queries: index analysis plus synonyms (none when {@code lines} is empty). */
  public static Analyzer queryAnalyzer(List<String> synonymLines) {
    return new EnglishText(synonyms(synonymLines));
  }

  /**
   * Words as written (lower case, accents folded, no stemming), for spelling suggestions and
   * autocomplete, which must offer real words rather than stems.
   */
  public static Analyzer plainAnalyzer() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new ASCIIFoldingFilter(result);
        return new TokenStreamComponents(source, result);
      }
    };
  }

  /** The index analyzer, with the plain analyzer for the fields that need words as written. */
  public static Analyzer indexAnalyzerPerField() {
    return new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(
        indexAnalyzer(), java.util.Map.of(IndexFields.SUGGEST, plainAnalyzer()));
  }

  /** Parses Solr-format synonym lines; throws IllegalArgumentException naming a bad line. */
  static SynonymMap synonyms(List<String> lines) {
    if (lines == null || lines.stream().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
      return null;
    }
    Analyzer plain =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new EnglishPossessiveFilter(source);
            result = new LowerCaseFilter(result);
            result = new ASCIIFoldingFilter(result);
            return new TokenStreamComponents(source, result);
          }
        };
    SolrSynonymParser parser = new SolrSynonymParser(true, true, plain);
    try (Reader in = new StringReader(String.join("\n", lines))) {
      parser.parse(in);
      return parser.build();
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("synonyms file is malformed: " + e.getMessage(), e);
    }
  }

  /** StandardTokenizer, possessives, lower case, accents folded, (synonyms), stop words, Porter. */
  private static final class EnglishText extends Analyzer {
    private final SynonymMap synonyms;

    EnglishText(SynonymMap synonyms) {
      this.synonyms = synonyms;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream result = new EnglishPossessiveFilter(source);
      result = new LowerCaseFilter(result);
      result = new ASCIIFoldingFilter(result);
      if (synonyms != null) {
        result = new SynonymGraphFilter(result, synonyms, true);
      }
      result = new BritishSpellingFilter(result);
      result = new StopFilter(result, STOP);
      result = new PorterStemFilter(result);
      return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
  }
}
