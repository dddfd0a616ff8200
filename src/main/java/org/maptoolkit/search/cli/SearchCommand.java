package org.maptoolkit.search.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code map-search search QUERY}: search the index from the terminal. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Search the index and print hits and facet counts.")
final class SearchCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "QUERY",
      arity = "0..*",
      description = "Words to search for (none: everything).")
  List<String> words = new ArrayList<>();

  @Mixin IndexOption index;

  @Option(
      names = "--source",
      paramLabel = "PUBLISHER",
      description = "Only this publisher (repeatable).")
  List<String> sources = new ArrayList<>();

  @Option(names = "--audience", description = "Only this audience (repeatable).")
  List<String> audiences = new ArrayList<>();

  @Option(
      names = "--type",
      description = "Only this type: driver, story, news, meeting, document (repeatable).")
  List<String> types = new ArrayList<>();

  @Option(names = "--year", description = "Only this publication year (repeatable).")
  List<String> years = new ArrayList<>();

  @Option(
      names = "--sort",
      defaultValue = "relevance",
      description = "relevance, newest, oldest or title.")
  String sort;

  @Option(names = "--size", defaultValue = "10", description = "Hits to print (1-100).")
  int size;

  @Override
  public Integer call() {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    if (!sources.isEmpty()) filters.put("source", sources);
    if (!audiences.isEmpty()) filters.put("audience", audiences);
    if (!types.isEmpty()) filters.put("type", types);
    if (!years.isEmpty()) filters.put("year", years);
    SearchRequest request =
        new SearchRequest(
            String.join(" ", words),
            filters,
            SearchRequest.Sort.valueOf(sort.toUpperCase(java.util.Locale.ROOT)),
            1,
            size);
    try (IndexStore store = IndexStore.open(index.index)) {
      SearchResult r = Services.searchService(store).search(request);
      System.out.printf(
          "%d hits%s%n",
          r.total(), r.queryFallback() ? " (query syntax invalid: searched as plain words)" : "");
      int n = 1;
      for (SearchResult.Hit h : r.hits()) {
        System.out.printf(
            "%2d. [%s] %s%n    %s | %s | %s%n    %s%n",
            n++,
            h.type(),
            h.title(),
            h.source() == null ? "-" : h.source(),
            h.published() == null ? "undated" : h.published(),
            h.id(),
            plain(h.snippet())
                + (h.snippetPage() == null ? "" : "  (page " + h.snippetPage() + ")"));
      }
      r.facets()
          .forEach(
              (facet, values) -> {
                if (!values.isEmpty()) {
                  StringBuilder line = new StringBuilder(facet + ":");
                  values.forEach(
                      v ->
                          line.append("  ")
                              .append(v.value())
                              .append(" (")
                              .append(v.count())
                              .append(')'));
                  System.out.println(line);
                }
              });
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return 0;
  }

  /** Terminal form of a snippet: marks become asterisks, entities decoded. */
  static String plain(String html) {
    return html.replace("<mark>", "*")
        .replace("</mark>", "*")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }
}
