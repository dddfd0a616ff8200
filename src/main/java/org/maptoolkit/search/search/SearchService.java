package org.maptoolkit.search.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.DocumentMapper;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.semantic.SemanticModel;
import org.maptoolkit.search.semantic.VectorQueries;

/**
 * Runs searches on the current index: the query, its filters, facet counts ({@link FacetCounter}),
 * sorting, paging and the best passage of each hit ({@link Snippets}); repeated searches are served
 * from a cache that lives as long as the index version it was computed on, and the others take
 * their turn for a processor.
 *
 * <p>Over 300 lines on purpose: one search's steps (parse, typo retry, spelling, collection, hits,
 * cursor) share a searcher lease and a time limit; filters, sorts, facet counting and snippets
 * already live in their own classes.
 */
public final class SearchService {
  /** The calendar review currency is judged by: the NHS's, in England. */
  public static final ZoneId ZONE = ZoneId.of("Europe/London");

  /** How long one query may run by default before its results are returned as partial. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 2_000;

  private final IndexStore store;
  private final QueryBuilder queries;
  private final Snippets snippets;
  private final DocumentMapper mapper = new DocumentMapper();
  private final Clock clock;
  private final long timeoutMillis;
  private final ResultCache<CacheKey, SearchResult> cache;
  private final MeaningSearch meaning;
  private final PassageSnippets passageSnippets;

  /**
   * Searches being worked on: one per processor and one more, the others wait in arrival order. The
   * extra one is ready to run the moment another finishes; with exactly one per processor the
   * processors sat about 12% idle at c=8 while the next search was woken (issue #16, third pass).
   */
  private final Semaphore running =
      new Semaphore(Runtime.getRuntime().availableProcessors() + 1, true);

  public SearchService(IndexStore store, Analyzer queryAnalyzer) {
    this(store, queryAnalyzer, Clock.system(ZONE));
  }

  /** With the clock that says what "today" is, for review currency. */
  public SearchService(IndexStore store, Analyzer queryAnalyzer, Clock clock) {
    this(store, queryAnalyzer, clock, DEFAULT_TIMEOUT_MILLIS, 0);
  }

  /**
   * A search service.
   *
   * @param timeoutMillis how long one query may run; past it, the results found so far are returned
   *     flagged as partial
   * @param cacheEntries how many results to keep for repeated searches on the current index (0: no
   *     cache); a commit that changes what searches see empties it
   */
  public SearchService(
      IndexStore store, Analyzer queryAnalyzer, Clock clock, long timeoutMillis, int cacheEntries) {
    this(store, queryAnalyzer, clock, timeoutMillis, cacheEntries, SemanticModel.off());
  }

  /**
   * A search service that also searches by meaning with {@code model} (where the index holds
   * passages and the model has loaded).
   */
  public SearchService(
      IndexStore store,
      Analyzer queryAnalyzer,
      Clock clock,
      long timeoutMillis,
      int cacheEntries,
      SemanticModel model) {
    this.meaning = new MeaningSearch(model);
    this.passageSnippets = new PassageSnippets(Analysis.indexAnalyzer());
    this.cache = new ResultCache<>(cacheEntries);
    this.timeoutMillis = timeoutMillis;
    this.clock = clock;
    this.store = store;
    this.queries = new QueryBuilder(queryAnalyzer);
    this.snippets = new Snippets(queryAnalyzer);
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
    try (IndexStore.Lease lease = store.lease()) {
      SearchResult result =
          cache.get(
              lease.searcher().getIndexReader(),
              new CacheKey(
                  request,
                  options,
                  LocalDate.now(clock),
                  meaning.status().state().equals(SemanticModel.Status.READY)),
              () -> admitted(() -> compute(lease, request, options)),
              r -> !r.partial());
      return result.withTook((System.nanoTime() - start) / 1000);
    }
  }

  /** What makes two searches give the same answer on one index reader. */
  private record CacheKey(
      SearchRequest request, Options options, LocalDate today, boolean modelReady) {}

  /** Whether searches by meaning can run now: the model is ready and the index has passages. */
  public boolean semanticOffered() {
    try (IndexStore.Lease lease = store.lease()) {
      return lease.searcher().passages()
          && meaning.status().state().equals(SemanticModel.Status.READY);
    }
  }

  /** Where the embedding model stands (semantic and hybrid search need it). */
  public SemanticModel.Status semanticStatus() {
    return meaning.status();
  }

  /** How the result cache has done since start. */
  public ResultCache.Stats cacheStats() {
    return cache.stats();
  }

  /**
   * Runs {@code search} once a processor is (nearly) free. Many more searches at once than
   * processors only share them out: each then takes as long as all of them together, and the
   * slowest set the tail. Waiting in turn instead keeps a search's time close to its own cost.
   */
  private SearchResult admitted(Supplier<SearchResult> search) {
    running.acquireUninterruptibly();
    try {
      return search.get();
    } finally {
      running.release();
    }
  }

  /** The search itself; {@link #search} sets how long the request took. */
  private SearchResult compute(IndexStore.Lease lease, SearchRequest request, Options options) {
    IndexStore.FacetedSearcher searcher = lease.searcher();
    try {
      QueryBuilder.Parsed parsed = queries.parse(request.query());
      LocalDate today = LocalDate.now(clock);
      SearchRequest.Mode mode = meaning.mode(request, searcher);
      MeaningSearch.Plan plan = plan(mode, searcher, request, parsed.resolved(searcher), today);
      boolean fuzzy = false;
      Run run = run(lease, request, options, plan.text());
      if (run.total() == 0
          && mode == SearchRequest.Mode.KEYWORD
          && isOneWord(request.query())
          && !parsed.fallback()) {
        // Typo tolerance: a single word that found nothing is tried again allowing edits.
        QueryBuilder.Parsed typo = queries.fuzzy(request.query().strip());
        Run retried = run(lease, request, options, typo.query());
        if (retried.total() > 0) {
          run = retried;
          parsed = typo;
          fuzzy = true;
        }
      }
      String suggestion =
          run.total() < 3 && !request.query().isBlank() && !parsed.fallback()
              ? Spelling.suggest(searcher, request.query())
              : null;
      List<SearchResult.Hit> hits = hits(searcher, parsed, plan, run.top(), request, options);
      return new SearchResult(
          run.total(),
          request.page(),
          request.size(),
          hits,
          run.facets(),
          parsed.fallback(),
          0,
          suggestion,
          fuzzy,
          run.partial(),
          nextCursor(lease.version(), run.top(), request),
          mode);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryTooComplexException(
          "the query expands to more than " + IndexSearcher.getMaxClauseCount() + " terms");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The query standing for the words in {@code mode}: the words themselves (every record when there
   * are none), the nearest records by meaning, or both fused.
   */
  private MeaningSearch.Plan plan(
      SearchRequest.Mode mode,
      IndexStore.FacetedSearcher searcher,
      SearchRequest request,
      Query words,
      LocalDate today)
      throws IOException {
    // Passages are documents too: a search without words must match records only.
    Query text = words instanceof MatchAllDocsQuery ? searcher.allRecords() : words;
    if (mode == SearchRequest.Mode.KEYWORD) {
      return new MeaningSearch.Plan(mode, text, Map.of());
    }
    return meaning.plan(
        mode,
        searcher,
        request.query(),
        text,
        filtered(Filters.withDates(text, request), request, today),
        MeaningSearch.filter(searcher, request, today));
  }

  /** The hits, total and facet counts of one query under the request's filters. */
  private record Run(
      TopDocs top,
      long total,
      Map<String, List<SearchResult.FacetValue>> facets,
      boolean partial) {}

  private Run run(IndexStore.Lease lease, SearchRequest request, Options options, Query text)
      throws IOException {
    IndexStore.FacetedSearcher shared = lease.searcher();
    LocalDate today = LocalDate.now(clock);
    Query dated = Filters.withDates(text, request);
    int want =
        request.cursor() != null ? request.size() : Math.max(1, request.page() * request.size());
    Sort sort = Sorts.of(request.sort());
    // A searcher of this request's own over the same reader, so the time limit is per query.
    IndexSearcher timed = new IndexSearcher(shared.getIndexReader(), shared.executor());
    timed.setSimilarity(shared.getSimilarity());
    timed.setTimeout(new QueryTimeoutImpl(timeoutMillis));
    if (request.cursor() != null) {
      // Deep paging: continue after the cursor's hit; facets belong to the first page.
      ScoreDoc after = Cursor.read(request.cursor(), lease.version(), sort != null);
      Query query = filtered(dated, request, today);
      TopAndCount found = topAndCount(timed, query, request.size(), after, sort);
      return new Run(found.top(), found.total(), Map.of(), timed.timedOut());
    }
    if (shared.facetState() == null || !options.facets()) {
      // No facets wanted (or none indexed yet): the top N and the exact count in one pass.
      Query query = filtered(dated, request, today);
      TopAndCount found = topAndCount(timed, query, want, null, sort);
      return new Run(found.top(), found.total(), Map.of(), timed.timedOut());
    }
    DrillDownQuery drill = Filters.drillDown(IndexFields.facetsConfig(), dated, request, today);
    // Lucene's drill-sideways scorer cannot score in the time-limited windows a timeout needs, so
    // a search with facet filters runs without the limit (the filters keep it narrow).
    IndexSearcher searcher = request.filters().isEmpty() ? timed : shared;
    FacetCounter counter =
        new FacetCounter(searcher, IndexFields.facetsConfig(), shared.facetState(), today);
    DrillSideways.DrillSidewaysResult result = counter.search(drill, null, null, want, sort, false);
    return new Run(
        result.hits,
        count(result.drillDownFacetsCollector),
        counter.counts(),
        searcher == timed && timed.timedOut());
  }

  /** The query under the request's facet filters; the query itself when there are none. */
  private static Query filtered(Query dated, SearchRequest request, LocalDate today) {
    return request.filters().isEmpty()
        ? dated
        : Filters.drillDown(IndexFields.facetsConfig(), dated, request, today);
  }

  private record TopAndCount(TopDocs top, long total) {}

  /**
   * The top {@code n} (after {@code after}, by {@code sort} or by score) and the exact number of
   * matches, collected in one pass: one weight, one walk of the postings, instead of a top-N search
   * followed by a count that builds the query's weight again.
   */
  private static TopAndCount topAndCount(
      IndexSearcher searcher, Query query, int n, ScoreDoc after, Sort sort) throws IOException {
    // The top-N collector counts every match itself when its threshold is "all" (also past a
    // cursor), so the total is exact without a second collector called for every match.
    TopDocs top =
        sort == null
            ? searcher.search(query, new TopScoreDocCollectorManager(n, after, Integer.MAX_VALUE))
            : searcher.search(
                query, new TopFieldCollectorManager(sort, n, (FieldDoc) after, Integer.MAX_VALUE));
    return new TopAndCount(top, top.totalHits.value());
  }

  /** A cursor after the last hit of this page, when the page is full. */
  private static String nextCursor(long version, TopDocs top, SearchRequest request) {
    int from = request.cursor() != null ? 0 : (request.page() - 1) * request.size();
    int last = from + request.size() - 1;
    if (last >= top.scoreDocs.length) {
      return null;
    }
    return Cursor.after(version, top.scoreDocs[last]);
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

  /** The page's hits: stored records, with their best passages when asked for. */
  private List<SearchResult.Hit> hits(
      IndexSearcher searcher,
      QueryBuilder.Parsed parsed,
      MeaningSearch.Plan plan,
      TopDocs top,
      SearchRequest request,
      Options options)
      throws IOException {
    int from = request.cursor() != null ? 0 : (request.page() - 1) * request.size();
    if (from >= top.scoreDocs.length) {
      return List.of();
    }
    ScoreDoc[] page =
        Arrays.copyOfRange(
            top.scoreDocs, from, Math.min(top.scoreDocs.length, from + request.size()));
    int[] docIds = Arrays.stream(page).mapToInt(sd -> sd.doc).toArray();
    boolean withPassages = options.snippets() && !request.query().isBlank();
    Map<String, Object[]> passages =
        withPassages ? snippets.passages(searcher, parsed.query(), docIds) : Map.of();
    Set<String> terms =
        plan.matches().isEmpty() ? Set.of() : passageSnippets.terms(request.query());
    List<SearchResult.Hit> hits = new ArrayList<>();
    for (int i = 0; i < page.length; i++) {
      MapDocument record = mapper.record(searcher.getIndexReader(), docIds[i]);
      Snippet snippet =
          !options.snippets()
              ? null
              : withPassages ? Snippets.best(passages, i, record) : Snippets.lead(record);
      VectorQueries.Match match = plan.matches().get(docIds[i]);
      if (snippet != null
          && match != null
          && (snippet.distinctTerms() == 0 || plan.mode() == SearchRequest.Mode.SEMANTIC)) {
        // Found by meaning: the passage that matched says why (a keyword passage, when there is
        // one, says it in the user's own words).
        snippet = passageSnippets.of(searcher.getIndexReader(), docIds[i], record, match, terms);
      }
      hits.add(
          new SearchResult.Hit(record, snippet, Float.isNaN(page[i].score) ? 0f : page[i].score));
    }
    return hits;
  }

  /** When the commit searches currently see was made (its ingest's time), for feeds. */
  public java.time.Instant indexedAt() {
    String at = store.stats().commitData().get("ingested_at");
    try {
      return at == null ? java.time.Instant.EPOCH : java.time.Instant.parse(at);
    } catch (java.time.format.DateTimeParseException e) {
      return java.time.Instant.EPOCH;
    }
  }

  /** The version of the index searches currently see (for caching and search reports). */
  public long indexVersion() {
    return store.version();
  }

  /**
   * Records by id, as hits whose passage is the start of their summary, in the order asked; unknown
   * ids are left out.
   */
  public List<SearchResult.Hit> hitsById(List<String> ids) {
    List<SearchResult.Hit> out = new ArrayList<>();
    for (String id : ids) {
      document(id)
          .ifPresent(
              d ->
                  out.add(
                      new SearchResult.Hit(
                          d,
                          d.summary() == null
                              ? null
                              : Snippet.lead(d.summary(), IndexFields.SUMMARY),
                          0f)));
    }
    return out;
  }

  /** One stored record by id, without its bulky text. */
  public Optional<MapDocument> document(String id) {
    try (IndexStore.Lease lease = store.lease()) {
      IndexSearcher searcher = lease.searcher();
      TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.ID, id)), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.of(mapper.record(searcher.getIndexReader(), top.scoreDocs[0].doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One stored record by id.
   *
   * @throws DocumentNotFoundException when the index holds no record with that id
   */
  public MapDocument require(String id) {
    return document(id).orElseThrow(() -> new DocumentNotFoundException(id));
  }
}
