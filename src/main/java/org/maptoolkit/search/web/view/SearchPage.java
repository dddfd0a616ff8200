package org.maptoolkit.search.web.view;

import java.util.List;
import org.maptoolkit.search.search.Snippet;

/**
 * The search page as its template shows it: what was asked (with any field's error beside it), what
 * is active, help from the search, facets, results and paging. Every href is ready to use.
 *
 * @param title the document title: the query and page, then the service's name
 * @param canonical this search's URL in its one canonical form
 * @param hidden state the form carries that has no field of its own (size, update dates)
 * @param notices help from the search: did-you-mean, close spellings, plain words, partial
 * @param active every filter, date and sort in force, each with a link that removes it
 * @param modes how words are matched (words and meaning, words only, meaning only); empty where
 *     search by meaning is not available
 * @param clearAll the same search without any filter, or null when none is active
 * @param withoutFilters on a page with no results but filters: the search without them, with its
 *     count in the label; null otherwise
 */
public record SearchPage(
    String title,
    String canonical,
    String query,
    List<Hidden> hidden,
    List<Field> dates,
    List<Option> sorts,
    List<Option> modes,
    String sortError,
    String generalError,
    List<Notice> notices,
    List<Active> active,
    String clearAll,
    Link withoutFilters,
    List<FacetBlock> facets,
    long total,
    List<Link> exports,
    String exportNote,
    int start,
    List<Hit> hits,
    Pager pager) {

  /** A parameter kept as it is: {@code <input type=hidden>}. */
  public record Hidden(String name, String value) {}

  /** A text field of the form, with the error its value caused (null when fine). */
  public record Field(String name, String label, String value, String hint, String error) {}

  /** One choice of a select. */
  public record Option(String value, String label, boolean selected) {}

  /** A line of help: words, then a link (a new search) or none, then more words. */
  public record Notice(String before, Link link, String after) {}

  /** One active filter: what it is, its value, and the search without it. */
  public record Active(String name, String value, String remove) {}

  /** A facet's values: the first few shown, the rest behind a disclosure. */
  public record FacetBlock(
      String name, String label, List<Choice> shown, List<Choice> more, boolean moreOpen) {}

  /** A facet value as a checkbox. */
  public record Choice(String id, String value, String label, long count, boolean checked) {}

  /** One result. {@code snippet} may be null; {@code pdfPage} links to the page in the PDF. */
  public record Hit(
      String href, String title, String type, List<Meta> meta, Snippet snippet, Link pdfPage) {}

  /** A fact shown under a result's title: a label, a value, and its date when it is one. */
  public record Meta(String label, String value, String datetime) {}

  /** Page links; null where there is no such page. */
  public record Pager(Link previous, Link next, int page, long pages) {}
}
