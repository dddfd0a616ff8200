package org.maptoolkit.search.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.document.PartialDate;
import org.maptoolkit.search.index.DocumentMapper;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.index.IndexStore;

/**
 * Runs searches on the current index: query, multi-select facet filters (each facet counted as if
 * its own selection were not applied), sorting, paging and snippets.
 */
public final class SearchService {
  private static final String[] SNIPPET_FIELDS = {
    IndexFields.SUMMARY, IndexFields.FEATURES, IndexFields.IMPACT, IndexFields.TEXT, IndexFields.DOC
  };
  private static final int MAX_FACET_VALUES = 200;

  private final IndexStore store;
  private final Analyzer analyzer;
  private final QueryBuilder queries;
  private final FacetsConfig facetsConfig = IndexFields.facetsConfig();
  private final DocumentMapper mapper = new DocumentMapper();

  public SearchService(IndexStore store, Analyzer queryAnalyzer) {
    this.store = store;
    this.analyzer = queryAnalyzer;
    this.queries = new QueryBuilder(queryAnalyzer);
  }

  /**
   * What a search computes besides the ranked hits: facet counts and snippets can be turned off by
   * callers that do not show them (a feed, a quick lookup), which makes a search much cheaper.
   */
  public record Options(boolean facets, boolean snippets) {
    public static final Options FULL = new Options(true, true);
  }

  public SearchResult search(SearchRequest request) {
    return search(request, Options.FULL);
  }

  public SearchResult search(SearchRequest request, Options options) {
    long start = System.nanoTime();
    IndexStore.FacetedSearcher searcher = store.acquire();
    try {
      QueryBuilder.Parsed parsed = queries.parse(request.query());
      DrillDownQuery drill = new DrillDownQuery(facetsConfig, parsed.query());
      request
          .filters()
          .forEach(
              (facet, values) -> {
                for (String value : values) {
                  drill.add(facet, value);
                }
              });
      int want = request.page() * request.size();
      long total;
      TopDocs top;
      Map<String, List<SearchResult.FacetValue>> facets;
      if (searcher.facetState() == null || !options.facets()) {
        // No facets wanted (or none indexed yet): a plain top-N search and an exact count.
        Sort sort = sort(request.sort());
        top =
            sort == null
                ? searcher.search(drill, Math.max(1, want))
                : searcher.search(drill, Math.max(1, want), sort);
        total =
            top.totalHits.relation() == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO
                ? top.totalHits.value()
                : searcher.count(drill);
        facets = Map.of();
      } else {
        DrillSideways sideways = new DrillSideways(searcher, facetsConfig, searcher.facetState());
        DrillSideways.DrillSidewaysResult result =
            sideways.search(drill, null, null, Math.max(1, want), sort(request.sort()), false);
        top = result.hits;
        total = count(result.drillDownFacetsCollector);
        facets = facets(result.facets);
      }
      List<SearchResult.Hit> hits = hits(searcher, parsed, top, request, options.snippets());
      return new SearchResult(
          total,
          request.page(),
          request.size(),
          hits,
          facets,
          parsed.fallback(),
          (System.nanoTime() - start) / 1000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      store.release(searcher);
    }
  }

  private static long count(FacetsCollector collector) {
    long total = 0;
    for (FacetsCollector.MatchingDocs docs : collector.getMatchingDocs()) {
      total += docs.totalHits();
    }
    return total;
  }

  private static Sort sort(SearchRequest.Sort sort) {
    return switch (sort) {
      case RELEVANCE -> null;
      case NEWEST -> dateSort(true);
      case OLDEST -> dateSort(false);
      case TITLE -> new Sort(new SortField(IndexFields.TITLE_SORT, SortField.Type.STRING));
    };
  }

  private static Sort dateSort(boolean newestFirst) {
    SortField field = new SortField(IndexFields.PUBLISHED, SortField.Type.LONG, newestFirst);
    // Undated items go last either way.
    field.setMissingValue(newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE);
    return new Sort(field, SortField.FIELD_SCORE);
  }

  private static Map<String, List<SearchResult.FacetValue>> facets(Facets facets)
      throws IOException {
    Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
    for (String dim : IndexFields.FACETS) {
      List<SearchResult.FacetValue> values = new ArrayList<>();
      FacetResult result;
      try {
        result = facets.getTopChildren(MAX_FACET_VALUES, dim);
      } catch (IllegalArgumentException e) {
        // No document has a value for this facet.
        result = null;
      }
      if (result != null) {
        for (LabelAndValue lv : result.labelValues) {
          values.add(new SearchResult.FacetValue(lv.label, lv.value.longValue()));
        }
      }
      values.sort(
          (a, b) ->
              a.count() != b.count()
                  ? Long.compare(b.count(), a.count())
                  : a.value().compareTo(b.value()));
      out.put(dim, values);
    }
    return out;
  }

  private List<SearchResult.Hit> hits(
      IndexSearcher searcher,
      QueryBuilder.Parsed parsed,
      TopDocs top,
      SearchRequest request,
      boolean withSnippets)
      throws IOException {
    int from = (request.page() - 1) * request.size();
    ScoreDoc[] page =
        from >= top.scoreDocs.length
            ? new ScoreDoc[0]
            : java.util.Arrays.copyOfRange(
                top.scoreDocs, from, Math.min(top.scoreDocs.length, from + request.size()));
    if (page.length == 0) {
      return List.of();
    }
    int[] docIds = new int[page.length];
    for (int i = 0; i < page.length; i++) {
      docIds[i] = page[i].doc;
    }
    Map<String, Object[]> snippets =
        request.query().isBlank() || !withSnippets
            ? Map.of()
            : new Highlighter(searcher, analyzer).highlight(parsed.query(), docIds);
    StoredFields stored = searcher.storedFields();
    List<SearchResult.Hit> hits = new ArrayList<>();
    for (int i = 0; i < page.length; i++) {
      Document doc = stored.document(docIds[i], Set.of(IndexFields.JSON));
      MapDocument d = mapper.fromStored(doc.get(IndexFields.JSON));
      Snippet snippet = null;
      String snippetField = null;
      // The passage matching the most different query words wins; on a tie, the earlier field
      // (summary before document text).
      for (String field : SNIPPET_FIELDS) {
        Object[] values = snippets.get(field);
        if (values != null
            && values[i] instanceof Snippet s
            && (snippet == null || s.distinctTerms() > snippet.distinctTerms())) {
          snippet = s;
          snippetField = field;
        }
      }
      String html;
      Integer pageNumber = null;
      if (snippet != null) {
        html = snippet.html();
        pageNumber = IndexFields.DOC.equals(snippetField) ? snippet.page() : null;
      } else if (withSnippets) {
        html = escape(lead(d.summary() != null ? d.summary() : d.text()));
        snippetField = d.summary() != null ? IndexFields.SUMMARY : IndexFields.TEXT;
      } else {
        html = null;
      }
      var main = d.mainDocument();
      hits.add(
          new SearchResult.Hit(
              d.id(),
              d.type().value(),
              d.title(),
              d.url(),
              d.source(),
              d.audiences(),
              iso(d.published()),
              iso(d.updated()),
              iso(d.reviewDue()),
              html,
              snippetField,
              pageNumber,
              main == null ? null : main.href(),
              main != null && main.isLocal(),
              main == null || main.extraction() == null ? null : main.extraction().status().value(),
              Float.isNaN(page[i].score) ? 0f : page[i].score));
    }
    return hits;
  }

  /** One stored record by id, without its bulky text. */
  public Optional<MapDocument> document(String id) {
    IndexStore.FacetedSearcher searcher = store.acquire();
    try {
      TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.ID, id)), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      Document doc =
          searcher.storedFields().document(top.scoreDocs[0].doc, Set.of(IndexFields.JSON));
      return Optional.of(mapper.fromStored(doc.get(IndexFields.JSON)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      store.release(searcher);
    }
  }

  static String iso(PartialDate date) {
    return date == null ? null : date.iso();
  }

  private static String lead(String text) {
    if (text == null) {
      return "";
    }
    String t = text.strip().replaceAll("\\s+", " ");
    if (t.length() <= 240) {
      return t;
    }
    int cut = t.lastIndexOf(' ', 240);
    return t.substring(0, cut > 0 ? cut : 240) + " …";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** The unified highlighter with our formatter, exposing its per-field object API. */
  private static final class Highlighter extends UnifiedHighlighter {
    Highlighter(IndexSearcher searcher, Analyzer analyzer) {
      super(
          UnifiedHighlighter.builder(searcher, analyzer)
              .withFormatter(new SnippetFormatter())
              // Queries search the combined field; its terms are highlighted in every field.
              .withFieldMatcher(field -> true)
              // Passages of about 160 characters cut at spaces: a sentence iterator scans the
              // whole text character by character and dominated the profile of long documents.
              .withBreakIterator(
                  () ->
                      LengthGoalBreakIterator.createClosestToLength(
                          new CustomSeparatorBreakIterator(' '), 160, 0.5f))
              .withMaxLength(2_000_000)
              .withMaxNoHighlightPassages(0));
    }

    Map<String, Object[]> highlight(Query query, int[] docIds) throws IOException {
      int[] passages = new int[SNIPPET_FIELDS.length];
      java.util.Arrays.fill(passages, 1);
      return highlightFieldsAsObjects(SNIPPET_FIELDS, query, docIds, passages);
    }
  }
}
