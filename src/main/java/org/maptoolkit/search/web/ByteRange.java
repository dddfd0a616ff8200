package org.maptoolkit.search.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range: bytes=...} header (RFC 9110 14.1.2), resolved against the
 * file's length: {@code first-last}, {@code first-} and the suffix form {@code -count}. PDF viewers
 * ask for such ranges to open page N without the whole file.
 */
record ByteRange(long first, long last) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /** The outcome of reading a {@code Range} header against a file of known length. */
  sealed interface Request {}

  /** No usable single range: send the whole file (RFC 9110 allows ignoring any Range). */
  record Whole() implements Request {}

  /** One satisfiable range: a 206. */
  record Part(ByteRange range) implements Request {}

  /** A well-formed range that lies wholly past the end: a 416. */
  record Unsatisfiable() implements Request {}

  long length() {
    return last - first + 1;
  }

  /** {@code Content-Range} of this part of a file of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  static Request of(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    Matcher m = SINGLE.matcher(header.strip());
    // Several ranges would need multipart/byteranges; one whole answer serves them all.
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return new Whole();
    }
    Optional<Long> first = number(m.group(1));
    Optional<Long> last = number(m.group(2));
    if ((!m.group(1).isEmpty() && first.isEmpty()) || (!m.group(2).isEmpty() && last.isEmpty())) {
      return new Whole();
    }
    if (first.isEmpty()) {
      // bytes=-n: the last n bytes.
      long count = last.get();
      if (count == 0 || size == 0) {
        return new Unsatisfiable();
      }
      return new Part(new ByteRange(Math.max(0, size - count), size - 1));
    }
    long from = first.get();
    if (last.isPresent() && last.get() < from) {
      return new Whole();
    }
    if (from >= size) {
      return new Unsatisfiable();
    }
    long to = last.map(l -> Math.min(l, size - 1)).orElse(size - 1);
    return new Part(new ByteRange(from, to));
  }

  private static Optional<Long> number(String digits) {
    if (digits.isEmpty() || digits.length() > 18) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(digits));
  }
}
