package org.maptoolkit.search.search.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics against values worked out by hand, as trec_eval defines them. */
class MetricsTest {
  // d1 grade 2, d3 grade 1, d9 grade 1 (never retrieved), d2 judged not relevant.
  static final Map<String, Integer> JUDGED = Map.of("d1", 2, "d3", 1, "d9", 1, "d2", 0);
  static final List<String> RANKED = List.of("d2", "d1", "d4", "d3");

  @Test
  void ndcgUsesGradedGainsAndTheIdealOrderOfAllJudgedDocuments() {
    // DCG = 2/log2(3) + 1/log2(5) = 1.26186 + 0.43068; IDCG = 2/1 + 1/log2(3) + 1/log2(4) = 3.13093
    double expected = (2 / log2(3) + 1 / log2(5)) / (2 + 1 / log2(3) + 1 / log2(4));

    assertThat(Metrics.ndcg(RANKED, JUDGED, 10)).isCloseTo(expected, within(1e-12));
    assertThat(Metrics.ndcg(RANKED, JUDGED, 10)).isCloseTo(0.54058, within(1e-5));
    assertThat(Metrics.ndcg(RANKED, JUDGED, 1)).isZero();
    assertThat(Metrics.ndcg(List.of("d1", "d3", "d9"), JUDGED, 10)).isEqualTo(1.0);
  }

  @Test
  void recallAndReciprocalRank() {
    assertThat(Metrics.recall(RANKED, JUDGED, 100)).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(Metrics.recall(RANKED, JUDGED, 2)).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(Metrics.reciprocalRank(RANKED, JUDGED, 10)).isEqualTo(0.5);
    assertThat(Metrics.reciprocalRank(List.of("d2", "d4"), JUDGED, 10)).isZero();
    assertThat(Metrics.recall(RANKED, Map.of("x", 0), 10)).isZero();
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
