package org.maptoolkit.search.semantic;

import java.util.ArrayList;
import java.util.List;

/**
 * Words as the unit of length when the model's tokenizer cannot be had: each run of non-space
 * characters is one span. {@link Passages#byWords} sizes its window so that even a text of long
 * words (about two tokens each) fits the model.
 */
final class WordSpans implements TokenSpans {
  @Override
  public List<Span> spans(String text) {
    List<Span> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(new Span(start, i));
      }
    }
    return out;
  }
}
