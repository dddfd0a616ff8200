package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Project;

/** The eval command end to end, on a tiny collection and (when present) on SciFact as a floor. */
class EvalCommandTest {
  @TempDir Path dir;

  /** Runs {@code map-search eval} in process; returns the JSON of its last line. */
  static JsonNode eval(Path collection) throws Exception {
    Cli.Result run = Cli.run("eval", collection.toString(), "--json");
    String printed = run.out();
    System.out.print(printed);
    assertThat(run.exit()).as(run.err()).isZero();
    String[] lines = printed.strip().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  @Test
  void scoresATinyCollectionExactly() throws Exception {
    Files.writeString(
        dir.resolve("corpus.jsonl"),
        """
        {"_id": "a", "title": "Heron nesting", "text": "Herons nest in tall trees near water."}
        {"_id": "b", "title": "Kingfisher diet", "text": "Kingfishers eat small fish."}
        {"_id": "c", "title": "Otter habits", "text": "Otters hunt fish at night."}
        """);
    Files.writeString(
        dir.resolve("queries.jsonl"),
        """
        {"_id": "q1", "text": "where do herons nest"}
        {"_id": "q2", "text": "kingfisher fish"}
        {"_id": "q3", "text": "no judgments for this one"}
        """);
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(
        dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\ta\t1\nq2\tb\t1\n");

    JsonNode figures = eval(dir);

    assertThat(figures.toString())
        .isEqualTo("{\"ndcg@10\":1.0,\"recall@100\":1.0,\"mrr@10\":1.0,\"queries\":2,\"docs\":3}");
  }

  @Test
  void sciFactStaysAboveItsFloor() throws Exception {
    Path scifact = Project.shared("evaldata/scifact");

    JsonNode figures = eval(scifact);

    // Measured 0.6978 (README, "Relevance"); the published BM25 baselines are 0.665 and 0.679.
    assertThat(figures.get("ndcg@10").asDouble()).isGreaterThanOrEqualTo(0.69);
    assertThat(figures.get("recall@100").asDouble()).isGreaterThanOrEqualTo(0.91);
    assertThat(figures.get("queries").asInt()).isEqualTo(300);
    assertThat(figures.get("docs").asInt()).isEqualTo(5183);
  }
}
