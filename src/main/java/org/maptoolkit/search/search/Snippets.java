package org.maptoolkit.search.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.IndexFields;

/**
 * The best passage of each hit: Lucene's unified highlighter over the record's text fields (offsets
 * read from the postings), the passage matching the most different query words winning, its PDF
 * page when it comes from a PDF; the start of the summary or text when nothing matched.
 */
final class Snippets {
  /** Fields passages come from, in the order that breaks ties (summary before document text). */
  static final String[] FIELDS = {
    IndexFields.SUMMARY, IndexFields.FEATURES, IndexFields.IMPACT, IndexFields.TEXT, IndexFields.DOC
  };

  private static final Map<String, SnippetFormatter> FORMATTERS =
      Stream.of(FIELDS).collect(Collectors.toMap(f -> f, SnippetFormatter::new));

  private final Analyzer analyzer;

  Snippets(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** For each of {@code docIds}, its best passage per field, by field. */
  Map<String, Object[]> passages(IndexSearcher searcher, Query query, int[] docIds)
      throws IOException {
    return new Highlighter(searcher, analyzer).highlight(query, docIds);
  }

  /** The passage shown for the {@code i}th hit, from {@link #passages}. */
  static Snippet best(Map<String, Object[]> passages, int i, MapDocument record) {
    Snippet best = null;
    for (String field : FIELDS) {
      Object[] values = passages.get(field);
      if (values != null
          && values[i] instanceof Snippet s
          && (best == null || s.distinctTerms() > best.distinctTerms())) {
        best = s;
      }
    }
    if (best == null) {
      return lead(record);
    }
    // Only a PDF has pages a link can open at; other formats are extracted as one text.
    boolean paged = IndexFields.DOC.equals(best.field()) && isPdf(record.mainDocument());
    return paged ? best : best.onPage(null);
  }

  /** The start of the summary (or the text) of a record found without query words. */
  static Snippet lead(MapDocument record) {
    if (record.summary() != null) {
      return Snippet.lead(record.summary(), IndexFields.SUMMARY);
    }
    return Snippet.lead(record.text(), IndexFields.TEXT);
  }

  static boolean isPdf(LinkedDocument main) {
    return main != null
        && main.extraction() != null
        && main.extraction().contentType() != null
        && main.extraction().contentType().startsWith("application/pdf");
  }

  /** The highlighter's passage settings (before its scorer and formatter). */
  static UnifiedHighlighter.Builder settings(IndexSearcher searcher, Analyzer analyzer) {
    return UnifiedHighlighter.builder(searcher, analyzer)
        // Queries search the combined field; its terms are highlighted in every field.
        .withFieldMatcher(field -> true)
        // Passages of about 160 characters cut at spaces: a sentence iterator scans the whole
        // text character by character and dominated the profile of long documents.
        .withBreakIterator(
            () ->
                LengthGoalBreakIterator.createClosestToLength(
                    new CustomSeparatorBreakIterator(' '), 160, 0.5f))
        .withMaxLength(2_000_000)
        .withMaxNoHighlightPassages(0)
        // Per-term offsets rather than a query weight rebuilt for every field of every hit
        // (rewrite, term lookups, matches): a third of a search's time.
        .withWeightMatches(false);
  }

  /** The unified highlighter with our formatter, exposing its per-field object API. */
  private static final class Highlighter extends UnifiedHighlighter {
    Highlighter(IndexSearcher searcher, Analyzer analyzer) {
      super(settings(searcher, analyzer).withScorer(new PassageScores()));
    }

    @Override
    protected PassageFormatter getFormatter(String field) {
      return FORMATTERS.get(field);
    }

    /**
     * Every snippet field is indexed with offsets wherever it has text; where a field is absent
     * there is nothing to highlight. Without this, the highlighter re-analyses absent fields
     * through a MemoryIndex for every hit, which dominated the cost of snippets.
     */
    @Override
    protected OffsetSource getOffsetSource(String field) {
      return OffsetSource.POSTINGS;
    }

    @Override
    protected FieldOffsetStrategy getOffsetStrategy(
        OffsetSource offsetSource, UHComponents components) {
      return offsetSource == OffsetSource.POSTINGS
          ? new PostingsOffsets(components)
          : super.getOffsetStrategy(offsetSource, components);
    }

    Map<String, Object[]> highlight(Query query, int[] docIds) throws IOException {
      int[] passages = new int[FIELDS.length];
      Arrays.fill(passages, 1);
      return highlightFieldsAsObjects(FIELDS, query, docIds, passages);
    }
  }
}
