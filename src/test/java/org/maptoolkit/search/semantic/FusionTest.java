package org.maptoolkit.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maptoolkit.search.semantic.Fusion.Fused;
import org.maptoolkit.search.semantic.Fusion.Ranked;

/** Fusion against values worked out by hand from the formulas in Fusion's description. */
class FusionTest {
  // Keyword: A 10, B 8, C 4. Vector: C 0.9, D 0.8, A 0.5.
  static final List<Ranked<String>> KEYWORD =
      List.of(new Ranked<>("A", 10), new Ranked<>("B", 8), new Ranked<>("C", 4));
  static final List<Ranked<String>> VECTOR =
      List.of(new Ranked<>("C", 0.9), new Ranked<>("D", 0.8), new Ranked<>("A", 0.5));

  @Test
  void reciprocalRankFusionAddsOneOverKPlusRankFromEachList() {
    // A: 1/61 + 1/63 = 0.0322665; C: 1/63 + 1/61 (the same); B: 1/62 = 0.0161290; D: 1/62.
    List<Fused<String>> fused = Fusion.rrf(60).fuse(KEYWORD, VECTOR);

    assertThat(fused).extracting(Fused::key).containsExactly("A", "C", "B", "D");
    assertThat(fused.get(0).score()).isCloseTo(0.0322665, within(1e-7));
    assertThat(fused.get(1).score()).isCloseTo(0.0322665, within(1e-7));
    assertThat(fused.get(2).score()).isCloseTo(0.0161290, within(1e-7));
    assertThat(fused.get(3).score()).isCloseTo(0.0161290, within(1e-7));
    assertThat(fused.get(0)).isEqualTo(new Fused<>("A", fused.get(0).score(), 1, 3));
    assertThat(fused.get(3)).isEqualTo(new Fused<>("D", fused.get(3).score(), 0, 2));
  }

  @Test
  void reciprocalRankFusionRewardsAgreement() {
    // Keyword A, B, C; vector B, D. A: 1/61 = 0.0163934; B: 1/62 + 1/61 = 0.0161290 + 0.0163934 =
    // 0.0325224;
    // C: 1/63 = 0.0158730; D: 1/62 = 0.0161290.
    List<Fused<String>> fused =
        Fusion.rrf(60).fuse(KEYWORD, List.of(new Ranked<>("B", 0.7), new Ranked<>("D", 0.6)));

    assertThat(fused).extracting(Fused::key).containsExactly("B", "A", "D", "C");
    assertScores(fused, 1e-7, 0.0325225, 0.0163934, 0.0161290, 0.0158730);
    assertThat(fused.get(0).score()).isCloseTo(1 / 62.0 + 1 / 61.0, within(1e-12));
  }

  @Test
  void anEvenBlendOfMinMaxNormalisedScores() {
    // Keyword normalised over [4, 10]: A 1, B 4/6, C 0. Vector over [0.5, 0.9]: C 1, D 0.75, A 0.
    // A: 0.5; B: 0.5 * 4/6 = 0.333333; C: 0.5; D: 0.5 * 0.75 = 0.375.
    List<Fused<String>> fused = Fusion.blend(0.5).fuse(KEYWORD, VECTOR);

    assertThat(fused).extracting(Fused::key).containsExactly("A", "C", "D", "B");
    assertScores(fused, 1e-6, 0.5, 0.5, 0.375, 0.333333);
  }

  @Test
  void aBlendWeighingKeywordsMore() {
    // A: 0.7 * 1 + 0.3 * 0 = 0.7; B: 0.7 * 4/6 = 0.466667; C: 0.3 * 1 = 0.3; D: 0.3 * 0.75 = 0.225.
    List<Fused<String>> fused = Fusion.blend(0.7).fuse(KEYWORD, VECTOR);

    assertThat(fused).extracting(Fused::key).containsExactly("A", "B", "C", "D");
    assertScores(fused, 1e-6, 0.7, 0.466667, 0.3, 0.225);
    assertThat(fused.get(2))
        .extracting(Fused::keywordRank, Fused::vectorRank)
        .containsExactly(3, 1);
  }

  @Test
  void aListOfEqualScoresNormalisesToOneAndAnEmptyListAddsNothing() {
    List<Fused<Integer>> fused =
        Fusion.blend(0.25)
            .fuse(List.of(new Ranked<>(7, 3.0), new Ranked<>(9, 3.0)), List.<Ranked<Integer>>of());

    assertThat(fused).extracting(Fused::key).containsExactly(7, 9);
    assertThat(fused).extracting(Fused::score).containsExactly(0.25, 0.25);
  }

  @Test
  void aKeyListedTwiceKeepsItsFirstRank() {
    List<Fused<String>> fused =
        Fusion.rrf(0)
            .fuse(
                List.of(new Ranked<>("A", 5), new Ranked<>("A", 4), new Ranked<>("B", 3)),
                List.of());

    // k = 0: A 1/1, B 1/2.
    assertThat(fused).extracting(Fused::key).containsExactly("A", "B");
    assertThat(fused).extracting(Fused::score).containsExactly(1.0, 0.5);
  }

  private static void assertScores(
      List<? extends Fused<?>> fused, double precision, double... expected) {
    assertThat(fused).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(fused.get(i).score()).as("score %d", i).isCloseTo(expected[i], within(precision));
    }
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> Fusion.blend(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fusion.rrf(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fusion(Fusion.Method.RRF, 60, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
