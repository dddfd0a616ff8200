package org.maptoolkit.search.web;

import org.maptoolkit.search.search.Snippet;

/** A snippet as HTML: its text escaped, matched words in {@code <mark>}, "…" where it was cut. */
final class SnippetHtml {
  private SnippetHtml() {}

  static String render(Snippet snippet) {
    StringBuilder html = new StringBuilder(snippet.cutBefore() ? "… " : "");
    for (Snippet.Part part : snippet.parts()) {
      if (part.match()) {
        html.append("<mark>").append(Html.text(part.text())).append("</mark>");
      } else {
        html.append(Html.text(part.text()));
      }
    }
    return html.append(snippet.cutAfter() ? " …" : "").toString();
  }
}
