package org.maptoolkit.search.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.cli.Services;
import org.maptoolkit.search.index.IndexStore;

/**
 * Passages are scored bit for bit as Lucene's own {@link PassageScorer} scores them: on random
 * passages, and on the passages of the real SciFact collection for its 300 real test queries, where
 * every field's best five passages (which they are, and their scores) must be the same.
 */
class PassageScoresTest {
  @TempDir static Path dir;

  @Test
  void randomPassagesScoreAsLucenesScorerScoresThem() {
    Random random = new Random(20261130);
    PassageScorer lucene = new PassageScorer();
    PassageScorer ours = new PassageScores();
    BytesRef[] vocabulary = new BytesRef[12];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = new BytesRef("term" + i);
    }
    for (int round = 0; round < 20_000; round++) {
      Passage passage = new Passage();
      int start = random.nextInt(50_000);
      int length = 1 + random.nextInt(400);
      passage.setStartOffset(start);
      passage.setEndOffset(start + length);
      int matches = random.nextInt(15);
      int at = start;
      for (int m = 0; m < matches && at < start + length; m++) {
        BytesRef term = vocabulary[random.nextInt(1 + random.nextInt(vocabulary.length))];
        // A copy, as the highlighter hands each match its own term bytes.
        passage.addMatch(
            at,
            Math.min(start + length, at + 4),
            BytesRef.deepCopyOf(term),
            1 + random.nextInt(60));
        at += random.nextInt(Math.max(1, length / 4));
      }
      int contentLength = start + length + random.nextInt(100_000);
      assertThat(Float.floatToIntBits(ours.score(passage, contentLength)))
          .as("passage %s of content length %d", passage, contentLength)
          .isEqualTo(Float.floatToIntBits(lucene.score(passage, contentLength)));
    }
  }

  @Test
  void sciFactPassagesAreTheOnesLucenesScorerPicks() throws Exception {
    Path scifact = Project.shared("evaldata/scifact");
    Path index = dir.resolve("index");
    Cli.Result run =
        Cli.run(
            "ingest",
            "--no-semantic",
            scifact.resolve("corpus.jsonl").toString(),
            "--index",
            index.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    QueryBuilder builder = new QueryBuilder(Services.queryAnalyzer());
    ObjectMapper json = new ObjectMapper();
    int passages = 0;
    try (IndexStore store = IndexStore.open(index);
        IndexStore.Lease lease = store.lease()) {
      IndexSearcher searcher = lease.searcher();
      for (String line : Files.readAllLines(scifact.resolve("queries.jsonl"))) {
        String text = json.readTree(line).get("text").asText();
        Query query = builder.parse(text).query();
        TopDocs top = searcher.search(query, 10);
        String lucene = highlight(searcher, query, top, new PassageScorer());
        String ours = highlight(searcher, query, top, new PassageScores());
        assertThat(ours).as(text).isEqualTo(lucene);
        passages += lucene.split("\n").length;
      }
    }
    assertThat(passages).as("passages compared").isGreaterThan(10_000);
  }

  /** Each hit's five best passages per snippet field: offsets and the bits of their scores. */
  private static String highlight(
      IndexSearcher searcher, Query query, TopDocs top, PassageScorer scorer) throws Exception {
    UnifiedHighlighter highlighter =
        UnifiedHighlighter.builder(searcher, Services.queryAnalyzer())
            .withFieldMatcher(field -> true)
            .withBreakIterator(
                () ->
                    LengthGoalBreakIterator.createClosestToLength(
                        new CustomSeparatorBreakIterator(' '), 160, 0.5f))
            .withMaxLength(2_000_000)
            .withMaxNoHighlightPassages(0)
            .withWeightMatches(false)
            .withScorer(scorer)
            .withFormatter(new Listing())
            .build();
    int[] most = new int[Snippets.FIELDS.length];
    java.util.Arrays.fill(most, 5);
    StringBuilder out = new StringBuilder();
    var byField = highlighter.highlightFields(Snippets.FIELDS, query, top, most);
    for (String field : Snippets.FIELDS) {
      for (String listed : byField.get(field)) {
        if (listed != null) {
          out.append(field).append(listed);
        }
      }
    }
    return out.toString();
  }

  /** Lists passages as "start-end score-bits" lines. */
  private static final class Listing extends PassageFormatter {
    @Override
    public Object format(Passage[] passages, String content) {
      List<String> lines = new ArrayList<>();
      for (Passage p : passages) {
        lines.add(
            " "
                + p.getStartOffset()
                + "-"
                + p.getEndOffset()
                + " "
                + Integer.toHexString(Float.floatToIntBits(p.getScore()))
                + "\n");
      }
      return String.join("", lines);
    }
  }
}
