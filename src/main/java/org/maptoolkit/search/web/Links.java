package org.maptoolkit.search.web;

import java.nio.charset.StandardCharsets;

/**
 * Links as written by editors made into valid URLs, encoded once: a space or a letter outside ASCII
 * is percent-encoded, a {@code %} that starts no escape becomes {@code %25}, and a link that is
 * already valid (its escapes included) is left exactly as it is.
 */
public final class Links {
  /** Characters a URI may hold as they are (RFC 3986: unreserved, reserved and '%'). */
  private static final String ALLOWED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=";

  private Links() {}

  /** {@code href} as a valid URL, or null for null. */
  public static String encode(String href) {
    if (href == null) {
      return null;
    }
    String h = href.strip();
    StringBuilder out = new StringBuilder(h.length());
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c == '%') {
        boolean escape = isHex(h, i + 1) && isHex(h, i + 2);
        out.append(escape ? "%" : "%25");
      } else if (ALLOWED.indexOf(c) >= 0) {
        out.append(c);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < h.length() ? i + 2 : i + 1;
        for (byte b : h.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b & 0xff));
        }
        i = end - 1;
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }
}
