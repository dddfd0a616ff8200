package org.maptoolkit.search.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats the best passage as escaped HTML with {@code <mark>} around matches, and works out which
 * value of a multi-valued field (which PDF page) it came from by counting value separators.
 */
final class SnippetFormatter extends PassageFormatter {
  private static final int MAX_CHARS = 320;

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
    StringBuilder html = new StringBuilder();
    int pos = start;
    int[] starts = p.getMatchStarts();
    int[] ends = p.getMatchEnds();
    // Matches separated only by spaces are marked as one (a phrase reads as one highlight).
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
        pos = mark(content, pos, runStart, runEnd, html);
      }
      runStart = ms;
      runEnd = me;
    }
    if (runStart >= 0) {
      pos = mark(content, pos, runStart, runEnd, html);
    }
    escape(content, pos, end, html);
    if (start > pageStart) {
      html.insert(0, "… ");
    }
    if (end < pageEnd) {
      html.append(" …");
    }
    java.util.Set<org.apache.lucene.util.BytesRef> terms = new java.util.HashSet<>();
    for (int i = 0; i < p.getNumMatches(); i++) {
      terms.add(p.getMatchTerms()[i]);
    }
    return new Snippet(html.toString().strip(), page, terms.size());
  }

  private static int mark(String content, int pos, int from, int to, StringBuilder html) {
    escape(content, pos, from, html);
    html.append("<mark>");
    escape(content, from, to, html);
    html.append("</mark>");
    return to;
  }

  private static boolean onlySpaces(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }

  private static void escape(String s, int from, int to, StringBuilder out) {
    for (int i = from; i < to && i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\u0000', '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
  }
}
