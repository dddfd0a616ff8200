package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.maptoolkit.search.document.ContentHash;
import org.maptoolkit.search.document.Json;

/**
 * Fetched bodies on disk, keyed by URL, with what revalidates them (ETag, Last-Modified) and what
 * they were served as. A damaged entry is a miss; a body is only ever replaced whole.
 */
final class FetchCache {
  /** What the cache knows of a URL. */
  record Entry(String url, String etag, String lastModified, String contentType, String finalUrl) {}

  private final Path dir;
  private final ObjectMapper json = Json.mapper();

  FetchCache(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  /** Where the body of {@code url} is kept. */
  Path body(String url) {
    return dir.resolve(ContentHash.of(url) + ".body");
  }

  /** The entry of {@code url} when its body is there. */
  Optional<Entry> get(String url) {
    Path meta = meta(url);
    try {
      return Files.isRegularFile(meta) && Files.isRegularFile(body(url))
          ? Optional.of(json.readValue(meta.toFile(), Entry.class))
          : Optional.empty();
    } catch (IOException e) {
      // A damaged cache entry is simply a miss.
      return Optional.empty();
    }
  }

  /** A new file to download {@code url}'s body into, before {@link #put} keeps it. */
  Path newPart(String url) throws IOException {
    return Files.createTempFile(dir, ContentHash.of(url), ".part");
  }

  /** Keeps a downloaded body and its entry, replacing the old ones at once. */
  void put(Entry entry, Path part) throws IOException {
    Files.move(
        part,
        body(entry.url()),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(meta(entry.url()), json.writeValueAsString(entry), StandardCharsets.UTF_8);
  }

  private Path meta(String url) {
    return dir.resolve(ContentHash.of(url) + ".json");
  }
}
