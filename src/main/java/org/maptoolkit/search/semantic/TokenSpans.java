package org.maptoolkit.search.semantic;

import java.util.List;

/** Where a text's tokens are, as character ranges: how {@link Passages} measures a window. */
public interface TokenSpans {
  /** One token's characters, {@code [start, end)} in the text it came from. */
  record Span(int start, int end) {}

  /** The text's tokens in order, without the model's special tokens. */
  List<Span> spans(String text);
}
