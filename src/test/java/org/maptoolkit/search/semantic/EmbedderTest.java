package org.maptoolkit.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bundled model, loaded and run for real: vectors, the query prefix, the cache, failures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbedderTest {
  private Embedder embedder;

  @BeforeAll
  void load() {
    embedder = Models.load();
  }

  @AfterAll
  void close() {
    embedder.close();
  }

  @Test
  void queriesAndPassagesAreUnitVectorsOfTheModelsLength() {
    float[] q = embedder.embedQuery("community pharmacy opening hours");
    List<float[]> p = embedder.embedPassages(List.of("Pharmacies open late on Thursdays.", "x"));

    assertThat(q).hasSize(Embedder.DIMENSIONS);
    assertThat(VectorMath.dot(q, q)).isCloseTo(1.0, within(1e-5));
    assertThat(p).hasSize(2).allSatisfy(v -> assertThat(v).hasSize(Embedder.DIMENSIONS));
    assertThat(VectorMath.dot(p.get(0), p.get(0))).isCloseTo(1.0, within(1e-5));
    assertThat(embedder.embedPassages(List.of())).isEmpty();
  }

  @Test
  void aQueryIsNearestToThePassageThatMeansWhatItAsksWithoutSharingItsWords() {
    float[] q = embedder.embedQuery("how is a heart attack treated");
    List<float[]> p =
        embedder.embedPassages(
            List.of(
                "Myocardial infarction is managed with thrombolysis or primary angioplasty.",
                "The council collects household waste and recycling every fortnight.",
                "Annual leave requests go to the rota coordinator."));

    double cardiac = VectorMath.dot(q, p.get(0));
    assertThat(cardiac).isGreaterThan(VectorMath.dot(q, p.get(1)) + 0.1);
    assertThat(cardiac).isGreaterThan(VectorMath.dot(q, p.get(2)) + 0.1);
  }

  @Test
  void aPassagesVectorDependsOnItsTextAloneNotOnThoseEmbeddedWithIt() {
    List<String> texts =
        List.of(
            "Short.",
            "A somewhat longer passage about the discharge of older patients to social care.",
            "Mid length text on workforce planning.");
    List<float[]> together = embedder.embedPassages(texts);
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = embedder.embedPassages(List.of(texts.get(i))).get(0);
      assertThat(together.get(i)).containsExactly(alone);
    }
  }

  @Test
  void aQueryIsEmbeddedWithThePrefixBgeExpects() {
    float[] query = embedder.embedQuery("  falls prevention in care homes ");
    float[] prefixed =
        embedder
            .embedPassages(List.of(Embedder.QUERY_PREFIX + "falls prevention in care homes"))
            .get(0);
    float[] bare = embedder.embedPassages(List.of("falls prevention in care homes")).get(0);

    assertThat(VectorMath.dot(query, prefixed)).isCloseTo(1.0, within(1e-5));
    assertThat(VectorMath.dot(query, bare)).isLessThan(0.99);
  }

  @Test
  void theQueryPrefixCanBeLeftOut() {
    try (Embedder bare =
        Embedder.load(Embedder.Settings.defaults().withQueryPrefix("")).available().orElseThrow()) {
      assertThat(bare.embedQuery("falls prevention in care homes"))
          .containsExactly(
              embedder.embedPassages(List.of("falls prevention in care homes")).get(0));
    }
  }

  @Test
  void repeatedQueriesComeFromTheCacheAsCopies() {
    Embedder.CacheStats before = embedder.cacheStats();
    float[] first = embedder.embedQuery("delayed transfers of care");
    first[0] = 42;
    float[] second = embedder.embedQuery("delayed transfers of care");

    assertThat(second[0]).isNotEqualTo(42f);
    assertThat(embedder.cacheStats().hits()).isEqualTo(before.hits() + 1);
    assertThat(embedder.cacheStats().misses()).isEqualTo(before.misses() + 1);
  }

  @Test
  void aTextLongerThanTheWindowIsCutNotRefused() {
    String word = "antimicrobial stewardship ";
    float[] whole = embedder.embedPassages(List.of(word.repeat(1000))).get(0);
    float[] cut = embedder.embedPassages(List.of(word.repeat(400))).get(0);

    // Both fill the window with the same repeated words: the first 510 tokens are the same.
    assertThat(VectorMath.dot(whole, cut)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void concurrentCallersGetWhatOneCallerGets() throws Exception {
    List<String> queries =
        IntStream.range(0, 24).mapToObj(i -> "question number " + i + " about clinics").toList();
    List<float[]> expected =
        embedder.embedPassages(queries.stream().map(q -> Embedder.QUERY_PREFIX + q).toList());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> got = new ArrayList<>();
      for (String q : queries) {
        got.add(pool.submit(() -> embedder.embedQuery(q)));
      }
      for (int i = 0; i < queries.size(); i++) {
        assertThat(got.get(i).get()).containsExactly(expected.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMissingModelIsReportedNotThrown() {
    Embedder.Load load =
        Embedder.load(Embedder.Settings.defaults().withModelResource("no-such-model.onnx"));

    assertThat(load).isInstanceOf(Embedder.Load.Unavailable.class);
    assertThat(load.available()).isEmpty();
    assertThat(((Embedder.Load.Unavailable) load).reason()).contains("no-such-model.onnx");
  }

  @Test
  void aModelOnnxRuntimeCannotReadIsReportedNotThrown() {
    // The tokenizer's JSON where the model should be: ONNX Runtime refuses it.
    Embedder.Load load =
        Embedder.load(
            Embedder.Settings.defaults().withModelResource("bge-small-en-v1.5-q-tokenizer.json"));

    assertThat(load).isInstanceOf(Embedder.Load.Unavailable.class);
    assertThat(((Embedder.Load.Unavailable) load).reason()).startsWith("the embedding model");
  }

  @Test
  void aClosedModelRefusesWorkInsteadOfCrashing() {
    Embedder other = Models.load();
    other.close();
    other.close();

    assertThatThrownBy(() -> other.embedQuery("anything"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> other.embedPassages(List.of("anything")))
        .isInstanceOf(IllegalStateException.class);
  }
}
