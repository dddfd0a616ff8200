package org.maptoolkit.search.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.Snippet;
import org.maptoolkit.search.semantic.SemanticModel;
import org.maptoolkit.search.web.ApiException;
import org.maptoolkit.search.web.SearchParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code map-search search QUERY}: search the index from the terminal, with one filter option per
 * facet of the registry and the API's own validation of every value.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    modelTransformer = SearchCommand.FacetOptions.class,
    description = "Search the index and print hits and facet counts.")
final class SearchCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "QUERY",
      arity = "0..*",
      description = "Words to search for (none: everything).")
  List<String> words = new ArrayList<>();

  @Mixin IndexOption index;

  @Option(
      names = "--sort",
      defaultValue = "relevance",
      description = "relevance, newest, oldest, review or title (default ${DEFAULT-VALUE}).")
  String sort;

  @Option(names = "--size", defaultValue = "10", description = "Hits to print (1-100).")
  int size;

  @Option(
      names = "--mode",
      description =
          "keyword, semantic or hybrid (default: hybrid where the index holds passages, else"
              + " keyword).")
  String mode;

  @Spec CommandSpec spec;

  /** Adds a repeatable {@code --NAME} option for every facet of the registry. */
  static final class FacetOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
      for (Facet facet : Facet.ALL) {
        command.addOption(
            OptionSpec.builder("--" + facet.name())
                .type(List.class)
                .auxiliaryTypes(String.class)
                .paramLabel(facet.label().toUpperCase(java.util.Locale.ROOT))
                .description(facet.description() + " Repeatable.")
                .build());
      }
      return command;
    }
  }

  @Override
  public Integer call() {
    // The same names and validation as GET /api/search, so both refuse the same values.
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("q", List.of(String.join(" ", words)));
    params.put("sort", List.of(sort));
    params.put("size", List.of(String.valueOf(size)));
    if (mode != null) {
      params.put("mode", List.of(mode));
    }
    for (Facet facet : Facet.ALL) {
      List<String> values = spec.findOption("--" + facet.name()).getValue();
      if (values != null && !values.isEmpty()) {
        params.put(facet.name(), values);
      }
    }
    SearchRequest request;
    try {
      request = SearchParams.parse(params);
    } catch (ApiException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try (IndexStore store = openExisting();
        SemanticModel model =
            Services.semanticModel(
                request.mode() != SearchRequest.Mode.KEYWORD && Services.hasPassages(store))) {
      // One search: wait for the model rather than answer by keyword while it loads.
      model.await();
      print(Services.searchService(store, 0, model).search(request), spec.commandLine().getOut());
    } catch (org.maptoolkit.search.search.SemanticUnavailableException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return 0;
  }

  private IndexStore openExisting() {
    try {
      return IndexStore.openExisting(index.index);
    } catch (org.maptoolkit.search.index.IndexUnavailableException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static void print(SearchResult r, java.io.PrintWriter out) {
    out.printf(
        "%d %s%s%n",
        r.total(),
        r.total() == 1 ? "hit" : "hits",
        r.queryFallback() ? " (query syntax invalid: searched as plain words)" : "");
    int n = 1;
    for (SearchResult.Hit hit : r.hits()) {
      var h = hit.record();
      out.printf(
          "%2d. [%s] %s%n    %s | %s | %s%n    %s%n",
          n++,
          h.type().value(),
          h.title(),
          h.source() == null ? "-" : h.source(),
          h.published() == null ? "undated" : h.published().iso(),
          h.id(),
          plain(hit.snippet()));
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
                out.println(line);
              }
            });
  }

  /** Terminal form of a snippet: matched words between asterisks, with its PDF page. */
  static String plain(Snippet snippet) {
    if (snippet == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(snippet.cutBefore() ? "… " : "");
    for (Snippet.Part part : snippet.parts()) {
      out.append(part.match() ? "*" + part.text() + "*" : part.text());
    }
    out.append(snippet.cutAfter() ? " …" : "");
    return out + (snippet.page() == null ? "" : "  (page " + snippet.page() + ")");
  }
}
