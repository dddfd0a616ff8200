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
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.cli.Services;
import org.maptoolkit.search.index.IndexStore;

/**
 * The two shortcuts {@link Snippets} takes through Lucene's highlighter ({@link PassageScores},
 * {@link PostingsOffsets}) give exactly what Lucene's own scorer and offset strategy give: scores
 * bit for bit on random passages, and every field's best five passages (which they are, and the
 * bits of their scores) on the real SciFact collection for its 300 real test queries and on the
 * samples (drivers and their PDFs, one value per page) for the judged queries.
 */
class SnippetShortcutsTest {
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
  void sciFactPassagesAreTheOnesLucenesHighlighterPicks() throws Exception {
    Path scifact = Project.shared("evaldata/scifact");
    Path index = Cli.ingestSciFact(dir.resolve("scifact"));
    ObjectMapper json = new ObjectMapper();
    List<String> queries = new ArrayList<>();
    for (String line : Files.readAllLines(scifact.resolve("queries.jsonl"))) {
      queries.add(json.readTree(line).get("text").asText());
    }
    assertThat(compared(index, queries)).as("passages compared").isGreaterThan(10_000);
  }

  @Test
  void samplePassagesWithPdfPagesAreTheOnesLucenesHighlighterPicks() throws Exception {
    Path index = Cli.ingestSamples(dir.resolve("samples"));
    List<String> queries = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            Project.dir().resolve("src/test/resources/relevance/samples-judged.tsv"))) {
      String query = line.split("\t")[0];
      if (!line.startsWith("#") && !query.equals("query") && !queries.contains(query)) {
        queries.add(query);
      }
    }
    assertThat(queries).hasSizeGreaterThanOrEqualTo(20);
    assertThat(compared(index, queries)).as("passages compared").isGreaterThan(1_000);
  }

  /** Highlights each query's top 10 both ways, requires the same, and says how many passages. */
  private static int compared(Path index, List<String> queries) throws Exception {
    QueryBuilder builder = new QueryBuilder(Services.queryAnalyzer());
    int passages = 0;
    try (IndexStore store = IndexStore.open(index);
        IndexStore.Lease lease = store.lease()) {
      IndexSearcher searcher = lease.searcher();
      for (String text : queries) {
        Query query = builder.parse(text).query();
        TopDocs top = searcher.search(query, 10);
        String lucene = highlight(searcher, query, top, false);
        String ours = highlight(searcher, query, top, true);
        assertThat(ours).as(text).isEqualTo(lucene);
        passages += lucene.split("\n").length;
      }
    }
    return passages;
  }

  /** Each hit's five best passages per snippet field: offsets and the bits of their scores. */
  private static String highlight(IndexSearcher searcher, Query query, TopDocs top, boolean ours)
      throws Exception {
    // The service's own passage settings; only the scorer and the offset strategy differ.
    UnifiedHighlighter.Builder settings =
        Snippets.settings(searcher, Services.queryAnalyzer())
            .withScorer(ours ? new PassageScores() : new PassageScorer())
            .withFormatter(new Listing());
    UnifiedHighlighter highlighter =
        new UnifiedHighlighter(settings) {
          @Override
          protected OffsetSource getOffsetSource(String field) {
            return OffsetSource.POSTINGS;
          }

          @Override
          protected FieldOffsetStrategy getOffsetStrategy(
              OffsetSource source, UHComponents components) {
            return ours
                ? new PostingsOffsets(components)
                : super.getOffsetStrategy(source, components);
          }
        };
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
