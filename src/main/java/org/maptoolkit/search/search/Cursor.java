package org.maptoolkit.search.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * An opaque token for paging past the last hit of a page (Lucene's search-after), valid for the
 * index version it was made on: "version|doc|score|sort values", base64url-encoded.
 */
final class Cursor {
  private Cursor() {}

  /** The cursor after {@code last}, on index {@code version}. */
  static String after(long version, ScoreDoc last) {
    StringBuilder s =
        new StringBuilder()
            .append(version)
            .append('|')
            .append(last.doc)
            .append('|')
            .append(Float.floatToIntBits(last.score));
    if (last instanceof FieldDoc fd && fd.fields != null) {
      for (Object f : fd.fields) {
        s.append('|');
        switch (f) {
          case Long l -> s.append('L').append(l);
          case Integer i -> s.append('I').append(i);
          case Float x -> s.append('F').append(Float.floatToIntBits(x));
          case BytesRef b ->
              s.append('B')
                  .append(
                      Base64.getUrlEncoder()
                          .withoutPadding()
                          .encodeToString(BytesRef.deepCopyOf(b).bytes));
          case null -> s.append('N');
          default -> throw new IllegalStateException("cannot page by " + f.getClass());
        }
      }
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a cursor names.
   *
   * @throws InvalidCursorException when it is malformed or was made on another index version
   */
  static ScoreDoc read(String cursor, long version, boolean sorted) {
    String[] parts;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      if (parts.length < 3 || Long.parseLong(parts[0]) != version) {
        throw new InvalidCursorException(
            "the cursor belongs to an earlier state of the index; start again from page 1");
      }
      int doc = Integer.parseInt(parts[1]);
      float score = Float.intBitsToFloat(Integer.parseInt(parts[2]));
      if (!sorted) {
        return new ScoreDoc(doc, score);
      }
      List<Object> fields = new ArrayList<>();
      for (int i = 3; i < parts.length; i++) {
        String p = parts[i];
        fields.add(
            switch (p.charAt(0)) {
              case 'L' -> Long.parseLong(p.substring(1));
              case 'I' -> Integer.parseInt(p.substring(1));
              case 'F' -> Float.intBitsToFloat(Integer.parseInt(p.substring(1)));
              case 'B' -> new BytesRef(Base64.getUrlDecoder().decode(p.substring(1)));
              case 'N' -> null;
              default -> throw new IllegalArgumentException("bad field");
            });
      }
      return new FieldDoc(doc, score, fields.toArray());
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new InvalidCursorException("the cursor is not one this service made");
    }
  }
}
