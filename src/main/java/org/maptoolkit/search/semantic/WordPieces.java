package org.maptoolkit.search.semantic;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model's own WordPiece tokenizer (Hugging Face's, through DJL): token ids for the encoder and
 * token positions for cutting passages. Encodes without special tokens and without truncation, so
 * that a whole page can be measured; {@link #forModel} adds {@code [CLS]} and {@code [SEP]} and
 * cuts to the model's window.
 */
final class WordPieces implements TokenSpans, AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final long cls;
  private final long sep;

  WordPieces(byte[] tokenizerJson) throws IOException {
    this.tokenizer =
        HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(tokenizerJson),
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    // The special tokens' ids as this tokenizer defines them, not as BERT usually numbers them.
    long[] empty = tokenizer.encode("", true, false).getIds();
    if (empty.length != 2) {
      throw new IOException("the tokenizer does not wrap texts in [CLS] ... [SEP]");
    }
    this.cls = empty[0];
    this.sep = empty[1];
  }

  /**
   * The ids the encoder takes: {@code [CLS]}, at most {@code maxTokens - 2} tokens, {@code [SEP]}.
   */
  long[] forModel(String text, int maxTokens) {
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int kept = Math.min(ids.length, maxTokens - 2);
    long[] out = new long[kept + 2];
    out[0] = cls;
    System.arraycopy(ids, 0, out, 1, kept);
    out[kept + 1] = sep;
    return out;
  }

  @Override
  public List<Span> spans(String text) {
    Encoding encoding = tokenizer.encode(text, false, false);
    CharSpan[] chars = encoding.getCharTokenSpans();
    List<Span> out = new ArrayList<>(chars.length);
    for (CharSpan c : chars) {
      if (c != null) {
        out.add(new Span(c.getStart(), c.getEnd()));
      }
    }
    return out;
  }

  /** How many tokens the text is, without special tokens. */
  int count(String text) {
    return tokenizer.encode(text, false, false).getIds().length;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
