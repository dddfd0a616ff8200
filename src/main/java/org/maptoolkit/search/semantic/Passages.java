package org.maptoolkit.search.semantic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.semantic.Passage.Section;
import org.maptoolkit.search.semantic.TokenSpans.Span;

/**
 * Cuts a record into passages that fit the model's window: its summary, its own text, and each page
 * of its main document, each section on its own (a passage never spans two PDF pages, so it keeps
 * its page number). A long section becomes overlapping windows, each ending at a sentence end where
 * one is near, else between words; every passage starts with the record's title, which gives the
 * model the context a page lacks on its own.
 */
public final class Passages {
  /**
   * How passages are sized, in the tokenizer's units.
   *
   * @param window tokens of one passage, title included, the model's special tokens not
   * @param overlap tokens a window repeats from the end of the one before
   * @param titleTokens the most of the title put before each passage
   * @param maxPassages the most passages one record gets (a thousand-page report stops there)
   */
  public record Settings(int window, int overlap, int titleTokens, int maxPassages) {
    public Settings {
      if (window < 16 || overlap < 0 || overlap >= window / 2 || titleTokens >= window / 2) {
        throw new IllegalArgumentException(
            "need a window of at least 16 tokens, and overlap and title under half of it");
      }
      if (maxPassages < 1) {
        throw new IllegalArgumentException("a record needs room for at least one passage");
      }
    }

    /** The model's whole window, an eighth of it overlapping, titles up to 48 tokens. */
    public static Settings defaults() {
      return new Settings(Embedder.MAX_TOKENS - 2, 64, 48, 2_000);
    }
  }

  private final TokenSpans tokens;
  private final Settings settings;

  /** How records are cut. */
  public Settings settings() {
    return settings;
  }

  /** Passages measured by the model's own tokenizer ({@link Embedder#tokens}). */
  public Passages(TokenSpans tokens, Settings settings) {
    this.tokens = tokens;
    this.settings = settings;
  }

  /**
   * Passages measured in words, for when the tokenizer cannot be had: half the window in words,
   * since a word is rarely more than two of the model's tokens (the model cuts what is left over).
   */
  public static Passages byWords(Settings settings) {
    return new Passages(
        new WordSpans(),
        new Settings(
            settings.window() / 2,
            settings.overlap() / 2,
            settings.titleTokens() / 2,
            settings.maxPassages()));
  }

  /** The record's passages: summary, then own text, then its document's pages in order. */
  public List<Passage> of(MapDocument record) {
    String title = title(record.title());
    List<Passage> out = new ArrayList<>();
    add(out, title, Section.SUMMARY, 0, record.summary());
    add(out, title, Section.BODY, 0, body(record));
    Extraction extraction =
        record.mainDocument() == null ? null : record.mainDocument().extraction();
    if (extraction != null) {
      List<String> pages = extraction.pages();
      for (int i = 0; i < pages.size(); i++) {
        add(out, title, Section.PAGE, i + 1, pages.get(i));
      }
    }
    // The same words twice (a summary repeated as the first paragraph, a running page header
    // that is all a page holds) would give the same vector twice.
    Set<String> seen = new HashSet<>();
    List<Passage> distinct = new ArrayList<>();
    for (Passage p : out) {
      if (seen.add(p.text()) && distinct.size() < settings.maxPassages()) {
        distinct.add(p);
      }
    }
    return distinct;
  }

  /** Key features, impact and the page's text: the record's own words after its summary. */
  private static String body(MapDocument record) {
    List<String> parts = new ArrayList<>();
    parts.addAll(record.keyFeatures());
    parts.addAll(record.impact());
    if (record.text() != null) {
      parts.add(record.text());
    }
    return String.join("\n", parts);
  }

  /** The title cut to {@code titleTokens}, or empty. */
  private String title(String title) {
    if (title == null || title.isBlank()) {
      return "";
    }
    String t = title.strip();
    List<Span> spans = tokens.spans(t);
    return spans.size() <= settings.titleTokens()
        ? t
        : t.substring(0, spans.get(settings.titleTokens() - 1).end());
  }

  private void add(List<Passage> out, String title, Section section, int page, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    int budget = settings.window() - (title.isEmpty() ? 0 : tokens.spans(title).size());
    for (int[] range : windows(text, tokens.spans(text), budget)) {
      String piece = text.substring(range[0], range[1]).strip();
      if (!piece.isEmpty()) {
        String embedded = title.isEmpty() ? piece : title + "\n" + piece;
        out.add(new Passage(section, page, range[0], range[1], embedded));
      }
    }
  }

  /** Character ranges of windows of at most {@code budget} tokens over {@code spans}. */
  List<int[]> windows(String text, List<Span> spans, int budget) {
    List<int[]> out = new ArrayList<>();
    int n = spans.size();
    int from = 0;
    while (from < n) {
      int to = Math.min(n, from + budget);
      if (to < n) {
        to = cut(text, spans, from, to);
      }
      out.add(new int[] {spans.get(from).start(), spans.get(to - 1).end()});
      if (to == n) {
        break;
      }
      from = wordStart(text, spans, Math.max(from + 1, to - settings.overlap()));
    }
    return out;
  }

  /**
   * Where a full window ending before token {@code to} should end: after the last sentence end in
   * its last quarter, else before the last word start in its second half, else at {@code to}.
   */
  private static int cut(String text, List<Span> spans, int from, int to) {
    int floor = from + (to - from) * 3 / 4;
    for (int i = to; i > floor; i--) {
      if (endsSentence(text, spans, i)) {
        return i;
      }
    }
    floor = from + (to - from) / 2;
    for (int i = to; i > floor; i--) {
      if (startsWord(text, spans, i)) {
        return i;
      }
    }
    return to;
  }

  /** The first token at or after {@code i} that starts a word (so no window starts mid-word). */
  private static int wordStart(String text, List<Span> spans, int i) {
    int j = i;
    while (j < spans.size() && !startsWord(text, spans, j)) {
      j++;
    }
    return j < spans.size() ? j : i;
  }

  /** Whether token {@code i} follows white space (or is the first). */
  private static boolean startsWord(String text, List<Span> spans, int i) {
    if (i == 0) {
      return true;
    }
    int gapStart = spans.get(i - 1).end();
    int gapEnd = spans.get(i).start();
    return gapEnd > gapStart && text.substring(gapStart, gapEnd).isBlank();
  }

  /** Whether the tokens before {@code i} end a sentence and token {@code i} starts a word. */
  private static boolean endsSentence(String text, List<Span> spans, int i) {
    Span last = spans.get(i - 1);
    if (last.end() <= last.start()) {
      return false;
    }
    char c = text.charAt(last.end() - 1);
    return (c == '.' || c == '?' || c == '!' || c == ';' || c == ':') && startsWord(text, spans, i);
  }
}
