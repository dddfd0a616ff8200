package org.maptoolkit.search.web;

import org.maptoolkit.search.web.view.ErrorPage;

/** An API error in words for a person: a heading by kind, and the message as a sentence. */
final class ErrorPages {
  private ErrorPages() {}

  static ErrorPage of(ErrorCode code, String message) {
    String heading =
        switch (code) {
          case DOCUMENT_NOT_FOUND, FILE_NOT_FOUND -> "No such record";
          case ROUTE_NOT_FOUND -> "Page not found";
          case RATE_LIMITED -> "Too many searches";
          case INDEX_UNAVAILABLE -> "Search is starting up";
          case INTERNAL -> "Something went wrong";
          default -> "This address cannot be answered";
        };
    String text = message == null ? "" : message.strip();
    if (!text.isEmpty()) {
      text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
      if (!text.endsWith(".")) {
        text += ".";
      }
    }
    return new ErrorPage(code.status(), heading, text);
  }
}
