package org.maptoolkit.search.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.DocumentMapper;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.semantic.Fusion;
import org.maptoolkit.search.semantic.PassageVectors;
import org.maptoolkit.search.semantic.VectorQueries;

/**
 * Discovery beyond the result list: autocomplete (titles and words), more like this, and the links
 * between drivers and the MAP Stories aligned with them.
 */
public final class DiscoveryService {
  private final VectorQueries vectors = new VectorQueries();
  private static final String[] MLT_FIELDS = {
    IndexFields.TITLE,
    IndexFields.SUMMARY,
    IndexFields.FEATURES,
    IndexFields.IMPACT,
    IndexFields.TEXT
  };

  private final IndexStore store;
  private final Analyzer indexAnalyzer;
  private final DocumentMapper mapper = new DocumentMapper();
  private final ResultCache<SuggestKey, List<Suggestion>> suggestions;

  private record SuggestKey(List<String> words, int limit, Map<String, List<String>> filters) {}

  /** A completion: a title (with its document's id) or a word. */
  public record Suggestion(String text, String id) {}

  /** A link to another record. */
  public record Link(String id, String type, String title) {}

  public DiscoveryService(IndexStore store, Analyzer indexAnalyzer) {
    this(store, indexAnalyzer, 0);
  }

  /**
   * @param cacheEntries suggestions kept for prefixes typed again on the current index (0: none)
   */
  public DiscoveryService(IndexStore store, Analyzer indexAnalyzer, int cacheEntries) {
    this.store = store;
    this.indexAnalyzer = indexAnalyzer;
    this.suggestions = new ResultCache<>(cacheEntries);
  }

  /** How the suggestion cache has done since start. */
  public ResultCache.Stats cacheStats() {
    return suggestions.stats();
  }

  /** Titles containing the words typed (the last as a prefix), then words completing the last. */
  public List<Suggestion> suggest(String typed, int limit) {
    return suggest(typed, limit, Map.of());
  }

  /**
   * Suggestions drawn only from records with the given facet values (values of one facet OR'ed,
   * facets AND'ed), as a search box with preset filters would find them.
   */
  public List<Suggestion> suggest(String typed, int limit, Map<String, List<String>> filters) {
    String[] words = typed.strip().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
    List<String> clean = new ArrayList<>();
    for (String w : words) {
      if (!w.isEmpty()) {
        clean.add(w);
      }
    }
    if (clean.isEmpty()) {
      return List.of();
    }
    try (IndexStore.Lease lease = store.lease()) {
      IndexStore.FacetedSearcher searcher = lease.searcher();
      return suggestions.get(
          searcher.getIndexReader(),
          new SuggestKey(List.copyOf(clean), limit, Map.copyOf(filters)),
          () -> suggest(searcher, clean, limit, filter(filters)),
          s -> true);
    }
  }

  /** The records {@code filters} allow, or null for all. */
  private static Query filter(Map<String, List<String>> filters) {
    if (filters.isEmpty()) {
      return null;
    }
    SearchRequest request =
        new SearchRequest("", filters, SearchRequest.Sort.RELEVANCE, 1, 1, null, null, null);
    return Filters.drillDown(
        IndexFields.facetsConfig(),
        org.apache.lucene.search.MatchAllDocsQuery.INSTANCE,
        request,
        java.time.LocalDate.now(SearchService.ZONE));
  }

  private List<Suggestion> suggest(
      IndexStore.FacetedSearcher searcher, List<String> clean, int limit, Query filter) {
    String last = clean.getLast();
    String head = String.join(" ", clean.subList(0, clean.size() - 1));
    try {
      Map<String, Suggestion> out = new LinkedHashMap<>();
      BooleanQuery.Builder titles = new BooleanQuery.Builder();
      titles.add(new PrefixQuery(new Term(IndexFields.SUGGEST, last)), BooleanClause.Occur.MUST);
      for (String w : clean.subList(0, clean.size() - 1)) {
        titles.add(new TermQuery(new Term(IndexFields.SUGGEST, w)), BooleanClause.Occur.MUST);
      }
      if (filter != null) {
        titles.add(filter, BooleanClause.Occur.FILTER);
      }
      // Every candidate scores the same (a prefix query), so the first N by document order would
      // depend on the order an ingest happened to write them in: take many, keep those whose
      // title has the words, and offer them in a fixed order (shortest title first, then A-Z).
      TopDocs top = searcher.search(titles.build(), TITLE_CANDIDATES);
      List<DocumentMapper.Label> matching = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        DocumentMapper.Label d = mapper.label(searcher.getIndexReader(), sd.doc);
        if (titleMatches(d.title(), clean)) {
          matching.add(d);
        }
      }
      matching.sort(
          java.util.Comparator.comparingInt((DocumentMapper.Label d) -> d.title().length())
              .thenComparing(DocumentMapper.Label::title)
              .thenComparing(DocumentMapper.Label::id));
      for (DocumentMapper.Label d : matching) {
        if (out.size() < limit) {
          out.putIfAbsent(d.title(), new Suggestion(d.title(), d.id()));
        }
      }
      for (String word :
          completions(searcher, clean.subList(0, clean.size() - 1), last, limit, filter)) {
        String text = head.isEmpty() ? word : head + " " + word;
        if (out.size() >= limit) {
          break;
        }
        out.putIfAbsent(text, new Suggestion(text, null));
      }
      return List.copyOf(out.values());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a title has every word typed, the last as the start of a word: the candidates come from
   * the page's words, so "long te" must not offer "Outcomes for graduates".
   */
  private static boolean titleMatches(String title, List<String> typed) {
    List<String> words =
        java.util.Arrays.asList(title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"));
    String last = typed.getLast();
    return words.containsAll(typed.subList(0, typed.size() - 1))
        && words.stream().anyMatch(w -> w.startsWith(last));
  }

  /** Words in the index starting with {@code prefix}, most frequent first. */
  private static List<String> completions(
      IndexStore.FacetedSearcher searcher,
      List<String> head,
      String prefix,
      int limit,
      Query filter)
      throws IOException {
    Map<String, Integer> freq = new LinkedHashMap<>();
    BytesRef start = new BytesRef(prefix);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(IndexFields.SUGGEST);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (te.seekCeil(start) == TermsEnum.SeekStatus.END) {
        continue;
      }
      int seen = 0;
      do {
        String term = te.term().utf8ToString();
        if (!term.startsWith(prefix) || seen++ > 2000) {
          break;
        }
        if (term.length() > prefix.length() || term.equals(prefix)) {
          freq.merge(term, te.docFreq(), Integer::sum);
        }
      } while (te.next() != null);
    }
    List<String> frequent =
        freq.entrySet().stream()
            .sorted((a, b) -> b.getValue() - a.getValue())
            .limit(head.isEmpty() && filter == null ? limit : CANDIDATES)
            .map(Map.Entry::getKey)
            .toList();
    if (head.isEmpty() && filter == null) {
      return frequent;
    }
    // After other words (or within preset filters), the completion that goes with them wins ("long
    // te" -> "long term"), not
    // the most frequent word overall: rank the frequent candidates by records holding them all.
    Map<String, Integer> together = new LinkedHashMap<>();
    for (String word : frequent) {
      BooleanQuery.Builder all = new BooleanQuery.Builder();
      for (String w : head) {
        all.add(new TermQuery(new Term(IndexFields.SUGGEST, w)), BooleanClause.Occur.FILTER);
      }
      all.add(new TermQuery(new Term(IndexFields.SUGGEST, word)), BooleanClause.Occur.FILTER);
      if (filter != null) {
        all.add(filter, BooleanClause.Occur.FILTER);
      }
      int n = searcher.count(all.build());
      if (n > 0) {
        together.put(word, n);
      }
    }
    return together.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Records whose titles are considered for a suggestion. */
  private static final int TITLE_CANDIDATES = 200;

  /** Frequent words tried after other words typed: enough for a good pick, few enough counts. */
  private static final int CANDIDATES = 20;

  /** How many records each of the two lists of {@link #similar} offers the fusion. */
  private static final int SIMILAR_DEPTH = 50;

  /**
   * Records most like {@code id}, itself excluded; empty when it is unknown. By their words
   * (Lucene's MoreLikeThis) and, where the index holds passages, by meaning too: the records
   * nearest the mean of its passage vectors, the two lists fused as a hybrid search fuses them.
   * Vectors are read from the index, so this needs no model.
   */
  public List<Link> similar(String id, int size) {
    try (IndexStore.Lease lease = store.lease()) {
      IndexStore.FacetedSearcher searcher = lease.searcher();
      TopDocs self = searcher.search(new TermQuery(new Term(IndexFields.ID, id)), 1);
      if (self.scoreDocs.length == 0) {
        return List.of();
      }
      MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
      mlt.setAnalyzer(indexAnalyzer);
      mlt.setFieldNames(MLT_FIELDS);
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(1);
      mlt.setMaxQueryTerms(30);
      Query like = mlt.like(self.scoreDocs[0].doc);
      Query notSelf = new TermQuery(new Term(IndexFields.ID, id));
      Query query =
          new BooleanQuery.Builder()
              .add(like, BooleanClause.Occur.MUST)
              .add(notSelf, BooleanClause.Occur.MUST_NOT)
              .build();
      int depth = Math.max(size, SIMILAR_DEPTH);
      List<Fusion.Ranked<Integer>> byWords = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(query, depth).scoreDocs) {
        byWords.add(new Fusion.Ranked<>(sd.doc, sd.score));
      }
      List<Integer> ranked = byWords.stream().map(Fusion.Ranked::key).toList();
      float[] meaning = searcher.passages() ? meanVector(searcher, id) : null;
      if (meaning != null) {
        Query others =
            new BooleanQuery.Builder()
                .add(searcher.allRecords(), BooleanClause.Occur.FILTER)
                .add(notSelf, BooleanClause.Occur.MUST_NOT)
                .build();
        List<Fusion.Ranked<Integer>> byMeaning = new ArrayList<>();
        for (VectorQueries.Match m : vectors.search(searcher, meaning, depth, others)) {
          byMeaning.add(new Fusion.Ranked<>(m.doc(), m.score()));
        }
        ranked =
            Fusion.blend(0.5).fuse(byWords, byMeaning).stream().map(Fusion.Fused::key).toList();
      }
      List<Link> out = new ArrayList<>();
      for (int doc : ranked.subList(0, Math.min(size, ranked.size()))) {
        DocumentMapper.Label d = mapper.label(searcher.getIndexReader(), doc);
        out.add(new Link(d.id(), d.type(), d.title()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The unit mean of a record's passage vectors, or null when it has none. */
  private static float[] meanVector(IndexSearcher searcher, String id) throws IOException {
    Map<String, float[]> passages = PassageVectors.of(searcher.getIndexReader(), id);
    if (passages.isEmpty()) {
      return null;
    }
    float[] mean = new float[passages.values().iterator().next().length];
    for (float[] v : passages.values()) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += v[i];
      }
    }
    double norm = 0;
    for (float x : mean) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return null;
    }
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (float) (mean[i] / norm);
    }
    return mean;
  }

  /**
   * What {@code record} links to (a story's drivers), and what links to it (the stories aligned
   * with a driver), as titled links.
   */
  public Map<String, List<Link>> related(MapDocument record) {
    try (IndexStore.Lease lease = store.lease()) {
      IndexStore.FacetedSearcher searcher = lease.searcher();
      List<Link> linksTo = new ArrayList<>();
      for (String id : record.related()) {
        TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.ID, id)), 1);
        if (top.scoreDocs.length > 0) {
          DocumentMapper.Label d = mapper.label(searcher.getIndexReader(), top.scoreDocs[0].doc);
          linksTo.add(new Link(d.id(), d.type(), d.title()));
        }
      }
      List<Link> linkedFrom = new ArrayList<>();
      TopDocs back =
          searcher.search(new TermQuery(new Term(IndexFields.RELATED, record.id())), 100);
      for (ScoreDoc sd : back.scoreDocs) {
        DocumentMapper.Label d = mapper.label(searcher.getIndexReader(), sd.doc);
        linkedFrom.add(new Link(d.id(), d.type(), d.title()));
      }
      linkedFrom.sort((a, b) -> a.id().compareTo(b.id()));
      Map<String, List<Link>> out = new LinkedHashMap<>();
      out.put("linksTo", linksTo);
      out.put("linkedFrom", linkedFrom);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
