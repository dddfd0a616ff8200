package org.maptoolkit.search.semantic;

import static org.assertj.core.api.Assertions.fail;

/** The bundled model for tests: it ships in a Maven artifact, so every machine has it. */
final class Models {
  private Models() {}

  /** The model with the default settings; fails the test with the reason when it cannot load. */
  static Embedder load() {
    Embedder.Load load = Embedder.load(Embedder.Settings.defaults());
    if (load instanceof Embedder.Load.Unavailable(String reason)) {
      fail(reason);
    }
    return load.available().orElseThrow();
  }
}
