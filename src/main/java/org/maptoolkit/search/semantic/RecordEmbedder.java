package org.maptoolkit.search.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.document.ContentHash;
import org.maptoolkit.search.document.MapDocument;

/**
 * A record's passages with their vectors: those the index already holds for the same text and model
 * are reused, the rest embedded in one batched call.
 */
public final class RecordEmbedder {
  private final Embedder embedder;
  private final Passages passages;

  public RecordEmbedder(Embedder embedder, Passages passages) {
    this.embedder = embedder;
    this.passages = passages;
  }

  /** A record's embedded passages, with how many were computed and how many reused. */
  public record Result(List<EmbeddedPassage> passages, int embedded, int reused) {}

  /**
   * Embeds {@code record}'s passages.
   *
   * @param known vectors already held, by key (see {@link PassageVectors#of}); may be empty
   * @throws Embedder.EmbeddingException when the model fails
   */
  public Result embed(MapDocument record, Map<String, float[]> known) {
    List<Passage> cut = passages.of(record);
    List<String> keys = cut.stream().map(this::key).toList();
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < cut.size(); i++) {
      if (!known.containsKey(keys.get(i))) {
        missing.add(i);
      }
    }
    List<float[]> computed =
        missing.isEmpty()
            ? List.of()
            : embedder.embedPassages(missing.stream().map(i -> cut.get(i).text()).toList());
    float[][] vectors = new float[cut.size()][];
    for (int j = 0; j < missing.size(); j++) {
      vectors[missing.get(j)] = computed.get(j);
    }
    List<EmbeddedPassage> out = new ArrayList<>(cut.size());
    for (int i = 0; i < cut.size(); i++) {
      float[] v = vectors[i] != null ? vectors[i] : known.get(keys.get(i));
      out.add(new EmbeddedPassage(cut.get(i), keys.get(i), v));
    }
    return new Result(out, missing.size(), cut.size() - missing.size());
  }

  /**
   * What this embedder's passages depend on besides a record's text: the model and how records are
   * cut. An index built with another says so in its schema, and is embedded again.
   */
  public String fingerprint() {
    return embedder.modelId() + " " + passages.settings();
  }

  /** What a passage's vector depends on: the model's exact file and the text it embeds. */
  public String key(Passage p) {
    return ContentHash.of(embedder.modelId(), p.text());
  }
}
