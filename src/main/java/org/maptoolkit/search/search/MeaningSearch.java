package org.maptoolkit.search.search;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.semantic.Embedder;
import org.maptoolkit.search.semantic.Fusion;
import org.maptoolkit.search.semantic.SemanticModel;
import org.maptoolkit.search.semantic.VectorQueries;

/**
 * The meaning side of a search: which mode a request runs in, and for semantic and hybrid searches
 * the query that stands for the words. Semantic: the records nearest the query (by their best
 * passage) above a similarity floor. Hybrid: the keyword and vector lists fused ({@link
 * Fusion#blend} 0.5 over the top {@value #DEPTH} of each), followed by the rest of the keyword
 * matches in keyword order. Either becomes an ordinary Lucene query, so filters, facets, sorts,
 * totals, paging and cursors work the same in every mode. Filters are applied inside the vector
 * search, not after it.
 */
final class MeaningSearch {
  /** How many records each list gives the fusion (tuned on SciFact: docs/semantic.md). */
  static final int DEPTH = 100;

  /**
   * The least vector score ({@code (1 + cosine) / 2}) for a record found by meaning alone to count
   * as a match: the nearest records are always "found", however far, and without a floor every
   * search by meaning would match the whole collection.
   */
  static final float MIN_SCORE = 0.80f;

  private final SemanticModel model;
  private final VectorQueries vectors = new VectorQueries();
  private final Fusion fusion = Fusion.blend(0.5);

  MeaningSearch(SemanticModel model) {
    this.model = model;
  }

  /** How a search ran: its mode, the query standing for its words, the records found by meaning. */
  record Plan(SearchRequest.Mode mode, Query text, Map<Integer, VectorQueries.Match> matches) {}

  /** Where the model stands. */
  SemanticModel.Status status() {
    return model.status();
  }

  /**
   * The mode {@code request} runs in on this index.
   *
   * @throws SemanticUnavailableException when semantic or hybrid is asked for and cannot run
   */
  SearchRequest.Mode mode(SearchRequest request, IndexStore.FacetedSearcher searcher) {
    SearchRequest.Mode asked = request.mode();
    if (asked == SearchRequest.Mode.KEYWORD || request.query().isBlank()) {
      // Without words there is nothing to embed: browsing is the same in every mode.
      return SearchRequest.Mode.KEYWORD;
    }
    boolean ready = searcher.passages() && model.now().isPresent();
    if (asked == null) {
      return ready ? SearchRequest.Mode.HYBRID : SearchRequest.Mode.KEYWORD;
    }
    if (!searcher.passages()) {
      throw new SemanticUnavailableException(
          "search by meaning needs an index with passages: this one was built without semantic"
              + " search (ingest again without --no-semantic)");
    }
    if (model.now().isEmpty()) {
      throw new SemanticUnavailableException(
          "search by meaning is not available: " + model.status().reason());
    }
    return asked;
  }

  /**
   * The query for {@code text} in {@code mode}, on {@code searcher}'s reader.
   *
   * @param keyword the words under the request's filters and dates (the keyword list)
   * @param filter the request's filters and dates over records, or null when there are none
   */
  Plan plan(
      SearchRequest.Mode mode,
      IndexSearcher searcher,
      String words,
      Query text,
      Query keyword,
      Query filter)
      throws IOException {
    if (mode == SearchRequest.Mode.KEYWORD) {
      return new Plan(mode, text, Map.of());
    }
    Optional<Embedder> embedder = model.now();
    float[] vector;
    try {
      vector = embedder.orElseThrow().embedQuery(words);
    } catch (Embedder.EmbeddingException | IllegalStateException e) {
      throw new SemanticUnavailableException("the embedding model failed: " + e.getMessage());
    }
    List<VectorQueries.Match> found = vectors.search(searcher, vector, DEPTH, filter);
    Map<Integer, VectorQueries.Match> matches = new HashMap<>();
    found.forEach(m -> matches.put(m.doc(), m));
    if (mode == SearchRequest.Mode.SEMANTIC) {
      Map<Integer, Float> scores = new HashMap<>();
      for (VectorQueries.Match m : found) {
        if (m.score() >= MIN_SCORE) {
          scores.put(m.doc(), m.score());
        }
      }
      return new Plan(mode, new DocScoresQuery(searcher.getIndexReader(), scores), matches);
    }
    TopDocs top = searcher.search(keyword, DEPTH);
    List<Fusion.Ranked<Integer>> keywordList = new ArrayList<>();
    for (ScoreDoc sd : top.scoreDocs) {
      keywordList.add(new Fusion.Ranked<>(sd.doc, sd.score));
    }
    List<Fusion.Ranked<Integer>> vectorList =
        found.stream().map(m -> new Fusion.Ranked<>(m.doc(), (double) m.score())).toList();
    Set<Integer> byWords = new HashSet<>();
    keywordList.forEach(r -> byWords.add(r.key()));
    Map<Integer, Float> fused = new HashMap<>();
    for (Fusion.Fused<Integer> f : fusion.fuse(keywordList, vectorList)) {
      boolean near = matches.get(f.key()) != null && matches.get(f.key()).score() >= MIN_SCORE;
      if (byWords.contains(f.key()) || near) {
        // Above every keyword-only match (scored below 1), in fused order.
        fused.put(f.key(), 1f + (float) f.score());
      }
    }
    Query ranked = new DocScoresQuery(searcher.getIndexReader(), fused);
    Query rest =
        new BooleanQuery.Builder()
            .add(new FunctionScoreQuery(text, Squashed.SCORES), BooleanClause.Occur.MUST)
            .add(ranked, BooleanClause.Occur.MUST_NOT)
            .build();
    Query hybrid =
        new BooleanQuery.Builder()
            .add(ranked, BooleanClause.Occur.SHOULD)
            .add(rest, BooleanClause.Occur.SHOULD)
            .build();
    return new Plan(mode, hybrid, matches);
  }

  /** The request's filters and dates as a query on records, or null when it has none. */
  static Query filter(IndexStore.FacetedSearcher searcher, SearchRequest request, LocalDate today) {
    if (request.filters().isEmpty() && request.published() == null && request.updated() == null) {
      return null;
    }
    return Filters.drillDown(
        IndexFields.facetsConfig(),
        Filters.withDates(searcher.allRecords(), request),
        request,
        today);
  }
}
