package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request whose query string or path is not well encoded: a {@code %} that starts no
 * escape, or escapes that are not UTF-8. The server would otherwise guess ("workforce%" searched as
 * everything, a bad size taken as the default, U+FFFD in place of a letter).
 */
final class RequestEncoding {
  private RequestEncoding() {}

  static void check(Context ctx) {
    String query = ctx.queryString();
    if (query != null && !isPlainAscii(query)) {
      for (String pair : query.split("&")) {
        check(pair, "the query string");
      }
    }
    check(ctx.req().getRequestURI(), "the path");
  }

  private static void check(String raw, String where) {
    if (isPlainAscii(raw)) {
      // Nothing escaped and nothing outside ASCII: well encoded as it stands (the usual case, so
      // it costs one pass over the characters and nothing else).
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new ApiException(
              ErrorCode.INVALID_ENCODING,
              "malformed percent-encoding in "
                  + where
                  + " near '"
                  + SearchParams.clip(raw.substring(i, Math.min(raw.length(), i + 6)))
                  + "': write % as %25");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()));
    } catch (CharacterCodingException e) {
      throw new ApiException(
          ErrorCode.INVALID_ENCODING, where + " is not valid UTF-8 once percent-decoded");
    }
  }

  private static boolean isPlainAscii(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' || c >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
