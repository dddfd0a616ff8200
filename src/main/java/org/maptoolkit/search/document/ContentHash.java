package org.maptoolkit.search.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short SHA-256 fingerprints of bytes, text and files: the one hashing helper. */
public final class ContentHash {
  private ContentHash() {}

  /** The first 16 bytes of the SHA-256 of {@code parts}, in hex (32 characters). */
  public static String of(byte[]... parts) {
    MessageDigest digest = sha256();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  /** The fingerprint of {@code parts} as UTF-8. */
  public static String of(String... parts) {
    MessageDigest digest = sha256();
    for (String part : parts) {
      digest.update(part.getBytes(StandardCharsets.UTF_8));
      // A separator, so that ("ab", "c") and ("a", "bc") differ.
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  /** The fingerprint of a file's bytes after {@code prefix}, read in blocks. */
  public static String ofFile(String prefix, Path file) throws IOException {
    MessageDigest digest = sha256();
    digest.update(prefix.getBytes(StandardCharsets.UTF_8));
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
