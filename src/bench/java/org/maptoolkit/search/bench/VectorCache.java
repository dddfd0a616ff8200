package org.maptoolkit.search.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.maptoolkit.search.semantic.Embedder;

/**
 * Passage vectors kept on disk between probe runs, by passage key (model and text), so that trying
 * another fusion does not embed the collection again. Appended to as vectors are computed.
 */
final class VectorCache implements AutoCloseable {
  private final Map<String, float[]> vectors = new HashMap<>();
  private final DataOutputStream out;

  VectorCache(Path file) throws IOException {
    if (Files.exists(file)) {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        while (true) {
          String key;
          try {
            key = in.readUTF();
          } catch (EOFException e) {
            break;
          }
          float[] v = new float[Embedder.DIMENSIONS];
          for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
          }
          vectors.put(key, v);
        }
      } catch (EOFException e) {
        // A run stopped mid-write: the last vector is incomplete and dropped.
      }
    }
    out =
        new DataOutputStream(
            new BufferedOutputStream(
                Files.newOutputStream(
                    file,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND)));
  }

  Map<String, float[]> known() {
    return vectors;
  }

  void put(String key, float[] v) throws IOException {
    vectors.put(key, v);
    out.writeUTF(key);
    for (float x : v) {
      out.writeFloat(x);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
