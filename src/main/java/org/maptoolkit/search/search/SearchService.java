package org.maptoolkit.search.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
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
  private final java.time.Clock clock;
  private final long timeoutMillis;
  private final ResultCache<CacheKey, SearchResult> cache;

  /** The calendar review currency is judged by: the NHS's, in England. */
  public static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/London");

  /** How long one query may run by default before its results are returned as partial. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 2_000;

  /** Review currency buckets, in the order the facet lists them. */
  public static final List<String> REVIEW_VALUES = List.of("current", "due-soon", "overdue");

  public SearchService(IndexStore store, Analyzer queryAnalyzer) {
    this(store, queryAnalyzer, java.time.Clock.system(ZONE));
  }

  /** With the clock that says what "today" is, for review currency. */
  public SearchService(IndexStore store, Analyzer queryAnalyzer, java.time.Clock clock) {
    this(store, queryAnalyzer, clock, DEFAULT_TIMEOUT_MILLIS);
  }

  /**
   * @param timeoutMillis how long one query may run; past it, the results found so far are returned
   *     flagged as partial
   */
  public SearchService(
      IndexStore store, Analyzer queryAnalyzer, java.time.Clock clock, long timeoutMillis) {
    this(store, queryAnalyzer, clock, timeoutMillis, 0);
  }

  /**
   * @param timeoutMillis how long one query may run; past it, the results found so far are returned
   *     flagged as partial
   * @param cacheEntries how many results to keep for repeated searches on the current index (0: no
   *     cache); a commit that changes what searches see empties it
   */
  public SearchService(
      IndexStore store,
      Analyzer queryAnalyzer,
      java.time.Clock clock,
      long timeoutMillis,
      int cacheEntries) {
    this.cache = new ResultCache<>(cacheEntries);
    this.timeoutMillis = timeoutMillis;
    this.clock = clock;
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
      SearchResult result =
          cache.get(
              searcher.getIndexReader(),
              new CacheKey(request, options, LocalDate.now(clock)),
              () -> compute(searcher, request, options),
              r -> !r.partial());
      return result.withTook((System.nanoTime() - start) / 1000);
    } finally {
      store.release(searcher);
    }
  }

  /** What makes two searches give the same answer on one index reader. */
  private record CacheKey(SearchRequest request, Options options, LocalDate today) {}

  /** How the result cache has done since start. */
  public ResultCache.Stats cacheStats() {
    return cache.stats();
  }

  /** The search itself; {@link #search} sets how long the request took. */
  private SearchResult compute(
      IndexStore.FacetedSearcher searcher, SearchRequest request, Options options) {
    try {
      QueryBuilder.Parsed parsed = queries.parse(request.query());
      boolean fuzzy = false;
      Run run = run(searcher, request, options, parsed.query());
      if (run.total == 0 && isOneWord(request.query()) && !parsed.fallback()) {
        // Typo tolerance: a single word that found nothing is tried again allowing edits.
        QueryBuilder.Parsed typo = queries.fuzzy(request.query().strip());
        Run retried = run(searcher, request, options, typo.query());
        if (retried.total > 0) {
          run = retried;
          parsed = typo;
          fuzzy = true;
        }
      }
      TopDocs top = run.top;
      long total = run.total;
      Map<String, List<SearchResult.FacetValue>> facets = run.facets;
      String suggestion =
          total < 3 && !request.query().isBlank() && !parsed.fallback()
              ? Spelling.suggest(searcher, request.query())
              : null;
      List<SearchResult.Hit> hits = hits(searcher, parsed, top, request, options.snippets());
      return new SearchResult(
          total,
          request.page(),
          request.size(),
          hits,
          facets,
          parsed.fallback(),
          0,
          suggestion,
          fuzzy,
          run.partial(),
          nextCursor(searcher, top, request));
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryTooComplexException(
          "the query expands to more than " + IndexSearcher.getMaxClauseCount() + " terms");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hits, total and facet counts of one query under the request's filters. */
  private record Run(
      TopDocs top, long total, Map<String, List<SearchResult.FacetValue>> facets, boolean partial) {
    Run(TopDocs top, long total, Map<String, List<SearchResult.FacetValue>> facets) {
      this(top, total, facets, false);
    }

    Run asPartial() {
      return new Run(top, total, facets, true);
    }
  }

  private Run run(
      IndexStore.FacetedSearcher searcher, SearchRequest request, Options options, Query text)
      throws IOException {
    LocalDate today = LocalDate.now(clock);
    Query base = withDateFilters(text, request);
    List<String> reviewSelection = request.filters().getOrDefault("review", List.of());
    Query filtered = withReview(base, reviewSelection, today);
    DrillDownQuery drill = drillDown(filtered, request);
    int want =
        request.cursor() != null ? request.size() : Math.max(1, request.page() * request.size());
    Sort sort = sort(request.sort());
    // A searcher of this request's own over the same reader, so the time limit is per query.
    IndexSearcher timed = new IndexSearcher(searcher.getIndexReader(), searcher.executor());
    timed.setSimilarity(searcher.getSimilarity());
    timed.setTimeout(new org.apache.lucene.index.QueryTimeoutImpl(timeoutMillis));
    Run run =
        run(searcher, timed, request, options, drill, base, reviewSelection, today, want, sort);
    return timed.timedOut() ? run.asPartial() : run;
  }

  private Run run(
      IndexStore.FacetedSearcher shared,
      IndexSearcher searcher,
      SearchRequest request,
      Options options,
      DrillDownQuery drill,
      Query base,
      List<String> reviewSelection,
      LocalDate today,
      int want,
      Sort sort)
      throws IOException {
    if (request.cursor() != null) {
      // Deep paging: continue after the cursor's hit; facets belong to the first page.
      ScoreDoc after =
          Cursor.read(
              request.cursor(),
              ((org.apache.lucene.index.DirectoryReader) shared.getIndexReader()).getVersion(),
              sort != null);
      TopDocs top =
          sort == null
              ? searcher.searchAfter(after, drill, request.size())
              : searcher.searchAfter(after, drill, request.size(), sort);
      return new Run(top, searcher.count(drill), Map.of());
    }
    if (shared.facetState() == null || !options.facets()) {
      // No facets wanted (or none indexed yet): a plain top-N search and an exact count.
      TopDocs top =
          sort == null ? searcher.search(drill, want) : searcher.search(drill, want, sort);
      long total =
          top.totalHits.relation() == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO
              ? top.totalHits.value()
              : searcher.count(drill);
      return new Run(top, total, Map.of());
    }
    // Lucene's drill-sideways scorer cannot score in the time-limited windows a timeout needs, so
    // a search with facet filters runs without the limit (the filters keep it narrow anyway).
    boolean filtered =
        request.filters().keySet().stream().anyMatch(facet -> !facet.equals("review"));
    IndexSearcher sidewaysSearcher = filtered ? shared : searcher;
    DrillSideways sideways = new DrillSideways(sidewaysSearcher, facetsConfig, shared.facetState());
    DrillSideways.DrillSidewaysResult result =
        sideways.search(drill, null, null, want, sort, false);
    Map<String, List<SearchResult.FacetValue>> facets = facets(result.facets);
    // Review currency is counted as if its own selection were not applied, like the others.
    // Without a selection the matching documents are already collected: one pass over their
    // review dates; with one, a count per bucket over the unselected query.
    List<SearchResult.FacetValue> review = new ArrayList<>();
    if (reviewSelection.isEmpty()) {
      long[] counts = reviewCounts(result.drillDownFacetsCollector, today);
      for (int i = 0; i < REVIEW_VALUES.size(); i++) {
        review.add(new SearchResult.FacetValue(REVIEW_VALUES.get(i), counts[i]));
      }
    } else {
      for (String bucket : REVIEW_VALUES) {
        long n = searcher.count(drillDown(withReview(base, List.of(bucket), today), request));
        review.add(new SearchResult.FacetValue(bucket, n));
      }
    }
    facets.put("review", review);
    return new Run(result.hits, count(result.drillDownFacetsCollector), facets);
  }

  /** A cursor after the last hit of this page, when the page is full. */
  private static String nextCursor(
      IndexStore.FacetedSearcher searcher, TopDocs top, SearchRequest request) {
    int from = request.cursor() != null ? 0 : (request.page() - 1) * request.size();
    int last = from + request.size() - 1;
    if (last >= top.scoreDocs.length) {
      return null;
    }
    return Cursor.after(
        ((org.apache.lucene.index.DirectoryReader) searcher.getIndexReader()).getVersion(),
        top.scoreDocs[last]);
  }

  /** Current, due-soon and overdue counts from the review dates of the collected documents. */
  private static long[] reviewCounts(FacetsCollector collector, LocalDate today)
      throws IOException {
    long now = today.toEpochDay();
    long soon = today.plusMonths(3).toEpochDay();
    long[] counts = new long[3];
    for (FacetsCollector.MatchingDocs docs : collector.getMatchingDocs()) {
      org.apache.lucene.index.NumericDocValues values =
          docs.context().reader().getNumericDocValues(IndexFields.REVIEW);
      if (values == null || docs.bits() == null) {
        continue;
      }
      org.apache.lucene.search.DocIdSetIterator it = docs.bits().iterator();
      if (it == null) {
        continue;
      }
      for (int doc = it.nextDoc();
          doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
          doc = it.nextDoc()) {
        if (values.advanceExact(doc)) {
          long day = values.longValue();
          counts[day < now ? 2 : day <= soon ? 1 : 0]++;
        }
      }
    }
    return counts;
  }

  private DrillDownQuery drillDown(Query query, SearchRequest request) {
    DrillDownQuery drill = new DrillDownQuery(facetsConfig, query);
    request
        .filters()
        .forEach(
            (facet, values) -> {
              if (!facet.equals("review")) {
                for (String value : values) {
                  drill.add(facet, value);
                }
              }
            });
    return drill;
  }

  private static Query withDateFilters(Query text, SearchRequest request) {
    if (request.published() == null && request.updated() == null) {
      return text;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    addRange(b, IndexFields.PUBLISHED, request.published());
    addRange(b, IndexFields.UPDATED, request.updated());
    return b.build();
  }

  private static void addRange(BooleanQuery.Builder b, String field, SearchRequest.DateRange r) {
    if (r != null) {
      long from = r.from() == null ? Long.MIN_VALUE : r.from().toEpochDay();
      long to = r.to() == null ? Long.MAX_VALUE : r.to().toEpochDay();
      b.add(LongPoint.newRangeQuery(field, from, to), BooleanClause.Occur.FILTER);
    }
  }

  /** Keeps items whose review date falls in any of the selected currency buckets. */
  private static Query withReview(Query base, List<String> buckets, LocalDate today) {
    if (buckets.isEmpty()) {
      return base;
    }
    long now = today.toEpochDay();
    long soon = today.plusMonths(3).toEpochDay();
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String bucket : buckets) {
      Query range =
          switch (bucket) {
            case "overdue" -> LongPoint.newRangeQuery(IndexFields.REVIEW, Long.MIN_VALUE, now - 1);
            case "due-soon" -> LongPoint.newRangeQuery(IndexFields.REVIEW, now, soon);
            case "current" -> LongPoint.newRangeQuery(IndexFields.REVIEW, soon + 1, Long.MAX_VALUE);
            default -> throw new IllegalArgumentException("no review bucket " + bucket);
          };
      any.add(range, BooleanClause.Occur.SHOULD);
    }
    return new BooleanQuery.Builder()
        .add(base, BooleanClause.Occur.MUST)
        .add(any.build(), BooleanClause.Occur.FILTER)
        .build();
  }

  private static boolean isOneWord(String q) {
    return q != null && q.strip().matches("\\p{L}{3,}");
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
      case REVIEW -> {
        SortField field =
            new SortField(IndexFields.REVIEW, SortField.Type.LONG, false, Long.MAX_VALUE);
        yield new Sort(field, SortField.FIELD_SCORE);
      }
    };
  }

  private static Sort dateSort(boolean newestFirst) {
    // Undated items go last either way.
    SortField field =
        new SortField(
            IndexFields.PUBLISHED,
            SortField.Type.LONG,
            newestFirst,
            newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE);
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
    int from = request.cursor() != null ? 0 : (request.page() - 1) * request.size();
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
        // Only a PDF has pages a link can open at; other formats are extracted as one text.
        pageNumber =
            IndexFields.DOC.equals(snippetField) && isPdf(d.mainDocument()) ? snippet.page() : null;
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

  private static boolean isPdf(org.maptoolkit.search.document.LinkedDocument main) {
    return main != null
        && main.extraction() != null
        && main.extraction().contentType() != null
        && main.extraction().contentType().startsWith("application/pdf");
  }

  /** The version of the index searches currently see (for caching and search reports). */
  public long indexVersion() {
    return store.version();
  }

  /** Records by id, as hits without snippets, in the order asked; unknown ids are left out. */
  public List<SearchResult.Hit> hitsById(List<String> ids) {
    List<SearchResult.Hit> out = new ArrayList<>();
    for (String id : ids) {
      document(id)
          .ifPresent(
              d ->
                  out.add(
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
                          d.summary() == null ? null : escape(lead(d.summary())),
                          d.summary() == null ? null : IndexFields.SUMMARY,
                          null,
                          d.mainDocument() == null ? null : d.mainDocument().href(),
                          d.mainDocument() != null && d.mainDocument().isLocal(),
                          d.mainDocument() == null || d.mainDocument().extraction() == null
                              ? null
                              : d.mainDocument().extraction().status().value(),
                          0f)));
    }
    return out;
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
              .withMaxNoHighlightPassages(0)
              // Per-term offsets rather than a query weight rebuilt for every field of every hit
              // (rewrite, term lookups, matches): a third of a search's time.
              .withWeightMatches(false));
    }

    /**
     * Every snippet field is indexed with offsets wherever it has text; where a field is absent
     * there is nothing to highlight. Without this, the highlighter re-analyses absent fields
     * through a MemoryIndex for every hit, which dominated the cost of snippets.
     */
    @Override
    protected OffsetSource getOffsetSource(String field) {
      return OffsetSource.POSTINGS;
    }

    Map<String, Object[]> highlight(Query query, int[] docIds) throws IOException {
      int[] passages = new int[SNIPPET_FIELDS.length];
      java.util.Arrays.fill(passages, 1);
      return highlightFieldsAsObjects(SNIPPET_FIELDS, query, docIds, passages);
    }
  }
}
