package org.maptoolkit.search.semantic;

import java.io.IOException;
import java.io.InputStream;

/** The model's files as the jar ships them: read whole from the class path, or said missing. */
final class ModelFiles {
  private ModelFiles() {}

  /**
   * The bytes of resource {@code name}.
   *
   * @throws IOException naming the resource when it is not on the class path
   */
  static byte[] read(String name) throws IOException {
    ClassLoader loader = ModelFiles.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("the model file " + name + " is not on the class path");
      }
      return in.readAllBytes();
    }
  }
}
