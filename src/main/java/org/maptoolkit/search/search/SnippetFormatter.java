package org.maptoolkit.search.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.util.BytesRef;

/**
 * Turns the highlighter's best passage into a {@link Snippet}, and works out which value of a
 * multi-valued field (which PDF page) it came from by counting value separators.
 */
final class SnippetFormatter extends PassageFormatter {
  private static final int MAX_CHARS = 320;

  private final String field;

  SnippetFormatter(String field) {
    this.field = field;
  }

  @Override
  public Object format(Passage[] passages, String content) {
    if (passages.length == 0) {
      return null;
    }
    Passage p = passages[0];
    // The page is the one holding the first match; the passage is kept inside that page, since a
    // passage cut at spaces may reach across the separator between two pages' values.
    int anchor = p.getNumMatches() > 0 ? p.getMatchStarts()[0] : p.getStartOffset();
    int page = 1;
    int pageStart = 0;
    for (int i = 0; i < anchor && i < content.length(); i++) {
      if (content.charAt(i) == '\u0000') {
        page++;
        pageStart = i + 1;
      }
    }
    int pageEnd = content.indexOf('\u0000', anchor);
    if (pageEnd < 0) {
      pageEnd = content.length();
    }
    int start = Math.max(p.getStartOffset(), pageStart);
    int end = Math.min(Math.min(p.getEndOffset(), pageEnd), start + MAX_CHARS);
    List<Snippet.Part> parts = new ArrayList<>();
    int pos = start;
    int[] starts = p.getMatchStarts();
    int[] ends = p.getMatchEnds();
    // Matches separated only by spaces are one part (a phrase reads as one highlight).
    int runStart = -1;
    int runEnd = -1;
    for (int i = 0; i < p.getNumMatches(); i++) {
      int ms = starts[i];
      int me = Math.min(ends[i], end);
      if (ms < Math.max(pos, runEnd) || ms >= end) {
        continue;
      }
      if (runStart >= 0 && onlySpaces(content, runEnd, ms)) {
        runEnd = me;
        continue;
      }
      if (runStart >= 0) {
        pos = mark(content, pos, runStart, runEnd, parts);
      }
      runStart = ms;
      runEnd = me;
    }
    if (runStart >= 0) {
      pos = mark(content, pos, runStart, runEnd, parts);
    }
    add(parts, content, pos, end, false);
    trim(parts);
    Set<BytesRef> terms = new HashSet<>();
    for (int i = 0; i < p.getNumMatches(); i++) {
      terms.add(p.getMatchTerms()[i]);
    }
    return new Snippet(parts, field, page, start > pageStart, end < pageEnd, terms.size());
  }

  private static int mark(String content, int pos, int from, int to, List<Snippet.Part> parts) {
    add(parts, content, pos, from, false);
    add(parts, content, from, to, true);
    return to;
  }

  /** Adds text as a part, with value separators and control characters as spaces. */
  private static void add(List<Snippet.Part> parts, String content, int from, int to, boolean m) {
    if (from >= to) {
      return;
    }
    String text =
        content.substring(from, Math.min(to, content.length())).replaceAll("[\\x00-\\x1F]", " ");
    parts.add(new Snippet.Part(text, m));
  }

  /** No leading or trailing white space on the passage as a whole. */
  private static void trim(List<Snippet.Part> parts) {
    if (!parts.isEmpty() && !parts.getFirst().match()) {
      Snippet.Part first = parts.removeFirst();
      String t = first.text().stripLeading();
      if (!t.isEmpty()) {
        parts.addFirst(new Snippet.Part(t, false));
      }
    }
    if (!parts.isEmpty() && !parts.getLast().match()) {
      Snippet.Part last = parts.removeLast();
      String t = last.text().stripTrailing();
      if (!t.isEmpty()) {
        parts.addLast(new Snippet.Part(t, false));
      }
    }
  }

  private static boolean onlySpaces(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }
}
