package org.maptoolkit.search.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.semantic.Passage;
import org.maptoolkit.search.semantic.VectorQueries;

/**
 * The snippet of a record found by meaning: the passage whose vector matched, read from the
 * record's stored text (its PDF page when it is a page), about {@value #LENGTH} characters of it
 * around the first query word it holds, with the query's words marked where they occur.
 */
final class PassageSnippets {
  static final int LENGTH = 240;

  private final Analyzer analyzer;

  /** {@code analyzer}: the index analyzer, so that a query word matches its forms in the text. */
  PassageSnippets(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The query's words as the index holds them (stems). */
  Set<String> terms(String query) {
    Set<String> terms = new HashSet<>();
    tokens(query, (term, start, end) -> terms.add(term));
    return terms;
  }

  /** The snippet for {@code match}, a passage of {@code record} (top-level doc {@code doc}). */
  Snippet of(
      IndexReader reader, int doc, MapDocument record, VectorQueries.Match match, Set<String> terms)
      throws IOException {
    Document stored =
        reader
            .storedFields()
            .document(
                doc,
                Set.of(
                    IndexFields.SUMMARY,
                    IndexFields.FEATURES,
                    IndexFields.IMPACT,
                    IndexFields.TEXT,
                    IndexFields.DOC));
    String section = section(stored, match);
    int from = Math.clamp(match.start(), 0, section.length());
    int to = Math.clamp(match.end(), from, section.length());
    List<int[]> marks = new ArrayList<>();
    String passage = section.substring(from, to);
    tokens(
        passage,
        (term, start, end) -> {
          if (terms.contains(term)) {
            marks.add(new int[] {from + start, from + end});
          }
        });
    // A window of the passage: from a little before its first marked word, cut at spaces.
    int start = marks.isEmpty() ? from : Math.max(from, marks.getFirst()[0] - LENGTH / 4);
    start = wordStart(section, start, from);
    int end = Math.min(to, start + LENGTH);
    end = wordEnd(section, end, to, start);
    List<Snippet.Part> parts = new ArrayList<>();
    int at = start;
    Set<String> distinct = new HashSet<>();
    for (int[] m : marks) {
      if (m[0] < at || m[1] > end) {
        continue;
      }
      if (m[0] > at) {
        parts.add(new Snippet.Part(section.substring(at, m[0]), false));
      }
      String word = section.substring(m[0], m[1]);
      parts.add(new Snippet.Part(word, true));
      distinct.add(word.toLowerCase(java.util.Locale.ROOT));
      at = m[1];
    }
    if (at < end) {
      parts.add(new Snippet.Part(section.substring(at, end), false));
    }
    String field =
        switch (match.section()) {
          case SUMMARY -> IndexFields.SUMMARY;
          case BODY -> IndexFields.TEXT;
          case PAGE -> IndexFields.DOC;
        };
    Integer page =
        match.section() == Passage.Section.PAGE && Snippets.isPdf(record.mainDocument())
            ? match.page()
            : null;
    return new Snippet(parts, field, page, start > 0, end < section.length(), distinct.size());
  }

  /** The text of the passage's section, as the passages were cut from it. */
  private static String section(Document stored, VectorQueries.Match match) {
    return switch (match.section()) {
      case SUMMARY -> nz(stored.get(IndexFields.SUMMARY));
      case BODY -> {
        // Key features, impact, then the page's text, a line apart (as Passages joins them).
        List<String> parts = new ArrayList<>();
        for (String f : new String[] {IndexFields.FEATURES, IndexFields.IMPACT, IndexFields.TEXT}) {
          String v = stored.get(f);
          if (v != null && !v.isEmpty()) {
            parts.add(v);
          }
        }
        yield String.join("\n", parts);
      }
      case PAGE -> {
        String[] pages = stored.getValues(IndexFields.DOC);
        yield match.page() >= 1 && match.page() <= pages.length ? pages[match.page() - 1] : "";
      }
    };
  }

  private static int wordStart(String s, int i, int floor) {
    if (i <= floor) {
      return floor;
    }
    int space = s.lastIndexOf(' ', i);
    return space < floor ? floor : space + 1;
  }

  private static int wordEnd(String s, int i, int ceiling, int floor) {
    if (i >= ceiling) {
      return ceiling;
    }
    int space = s.lastIndexOf(' ', i);
    return space <= floor ? i : space;
  }

  private interface TokenSink {
    void accept(String term, int start, int end);
  }

  private void tokens(String text, TokenSink sink) {
    try (TokenStream ts = analyzer.tokenStream(IndexFields.ALL, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        sink.accept(term.toString(), offset.startOffset(), offset.endOffset());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
