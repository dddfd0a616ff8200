package org.maptoolkit.search.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.cli.Services;
import org.maptoolkit.search.index.IndexStore;

/**
 * Plain words searched by their resolved query find exactly what the query parser's query finds:
 * the same records in the same order with bit-for-bit the same scores and the same total, on the
 * real SciFact collection and its 300 real test queries (as typed, and as the Solr comparison
 * escapes them). The reference is Lucene's own parser and rewrite, not our code.
 */
class PlainWordsTest {
  @TempDir static Path dir;

  @Test
  void resolvedPlainWordsFindExactlyWhatTheParserFinds() throws Exception {
    Path scifact = Project.shared("evaldata/scifact");
    Path index = Cli.ingestSciFact(dir.resolve("index"));
    List<String> texts = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(scifact.resolve("queries.jsonl"))) {
      String text = json.readTree(line).get("text").asText();
      texts.add(text);
      texts.add(escaped(text));
    }
    QueryBuilder builder = new QueryBuilder(Services.queryAnalyzer());
    int plain = 0;
    int narrowed = 0;
    try (IndexStore store = IndexStore.open(index);
        IndexStore.Lease lease = store.lease()) {
      IndexSearcher searcher = lease.searcher();
      for (String text : texts) {
        QueryBuilder.Parsed parsed = builder.parse(text);
        if (!parsed.plain()) {
          continue;
        }
        plain++;
        Query resolved = parsed.resolved(searcher);
        if (((BooleanQuery) resolved).clauses().size()
            < ((BooleanQuery) parsed.query()).clauses().size()) {
          narrowed++;
        }
        assertThat(top(searcher, resolved))
            .as(text)
            .isEqualTo(top(searcher, builder.parseSyntax(text).query()));
      }
    }
    // Most real queries take the short path (the rest repeat a word or have synonyms), and the
    // fields SciFact leaves empty drop out of every one of them.
    assertThat(plain).isGreaterThan(400);
    assertThat(narrowed).isEqualTo(plain);
  }

  /** The top 1,000 as text: total, then each hit's document and the exact bits of its score. */
  private static String top(IndexSearcher searcher, Query query) throws Exception {
    TopDocs top =
        searcher.search(query, new TopScoreDocCollectorManager(1000, null, Integer.MAX_VALUE));
    StringBuilder out = new StringBuilder().append(top.totalHits).append('\n');
    for (ScoreDoc hit : top.scoreDocs) {
      out.append(hit.doc).append(' ').append(Float.floatToIntBits(hit.score)).append('\n');
    }
    return out.toString();
  }

  /** The text as the Solr comparison sends it: lower case, every syntax character escaped. */
  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      if ("\\+-!():^[]\"{}~*?|&;/".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
