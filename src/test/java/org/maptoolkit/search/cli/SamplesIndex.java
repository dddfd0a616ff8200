package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.IndexStore;

/**
 * {@code samples/} ingested once, with the real {@code ingest} command, into an index that the test
 * classes reading the samples share; it is closed and deleted when the test run ends.
 */
final class SamplesIndex implements BeforeAllCallback {
  private IndexStore store;

  @Override
  public void beforeAll(ExtensionContext context) {
    store =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(SamplesIndex.class))
            .getOrComputeIfAbsent("samples", key -> Shared.ingest(), Shared.class)
            .store();
  }

  /** The shared index's folder. */
  Path path() {
    return store.path();
  }

  /** The shared index, open for reading. */
  IndexStore store() {
    return store;
  }

  private record Shared(Path dir, IndexStore store) implements AutoCloseable {
    static Shared ingest() {
      try {
        Path dir = Files.createTempDirectory("map-search-samples");
        Path index = dir.resolve("index");
        assertThat(
                Main.run(
                    "ingest",
                    Project.samples().toString(),
                    "--index",
                    index.toString(),
                    "--no-fetch",
                    // Facts that do not depend on whether this machine has Tesseract; OCR is
                    // tested on real scans in RealDocumentsTest.
                    "--no-ocr"))
            .isZero();
        return new Shared(dir, IndexStore.open(index));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      store.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
