package org.maptoolkit.search.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.maptoolkit.search.web.view.DocumentPage;
import org.maptoolkit.search.web.view.EmbedPage;
import org.maptoolkit.search.web.view.ErrorPage;
import org.maptoolkit.search.web.view.SearchPage;

/**
 * Renders the page templates of {@code src/main/jte}, compiled to Java at build time: every value
 * is escaped for where it lands (text, attribute, URL) by jte, never by hand.
 */
public final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  String search(SearchPage page) {
    return render("search.jte", page);
  }

  String document(DocumentPage page) {
    return render("document.jte", page);
  }

  String embed(EmbedPage page) {
    return render("embed.jte", page);
  }

  /** An error page for a person in a browser. */
  public String error(ErrorPage page) {
    return render("error.jte", page);
  }

  private String render(String template, Object page) {
    StringOutput out = new StringOutput();
    engine.render(template, page, out);
    return out.toString();
  }
}
