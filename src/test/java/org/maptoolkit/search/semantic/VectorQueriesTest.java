package org.maptoolkit.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.join.CheckJoinIndex;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.document.DocType;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.DocumentMapper;
import org.maptoolkit.search.index.IndexFields;
import org.maptoolkit.search.index.IndexStore;

/**
 * Records with their passages written as blocks into a real index on disk, embedded by the real
 * model, and searched through the service's own searcher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorQueriesTest {
  private Path dir;
  private Embedder embedder;
  private RecordEmbedder records;
  private final DocumentMapper mapper = new DocumentMapper();
  private final VectorQueries vectors = new VectorQueries();

  static final List<MapDocument> RECORDS =
      List.of(
          record(
              "cpr",
              DocType.DRIVER,
              "Emergency resuscitation",
              "When a patient's heart stops, staff start chest compressions and use a"
                  + " defibrillator within three minutes."),
          report(
              List.of(
                  "The trust's budget for the year balanced income and expenditure across all"
                      + " divisions.",
                  "Uptake of the MMR jab among two-year-olds rose after school nurses ran catch-up"
                      + " clinics.",
                  "Recruitment of nurses and doctors continued, with vacancies falling in the"
                      + " autumn.")),
          record(
              "bins",
              DocType.NEWS,
              "Bin collections",
              "The council will collect household rubbish and recycling every other week from"
                  + " April."),
          record(
              "flu",
              DocType.NEWS,
              "Flu jabs for staff",
              "Staff are offered the flu vaccine at drop-in sessions in the hospital canteen."),
          record(
              "stroke",
              DocType.STORY,
              "Faster stroke care",
              "A stroke team gives clot-busting drugs within an hour of a patient reaching"
                  + " hospital."));

  static MapDocument record(String id, DocType type, String title, String text) {
    return MapDocument.builder(id, type).title(title).text(text).contentHash(id).build();
  }

  static MapDocument report(List<String> pages) {
    return MapDocument.builder("report", DocType.DOCUMENT)
        .title("Annual report")
        .text("The trust's annual report for 2024.")
        .mainDocument(
            new LinkedDocument(
                "Annual report",
                "report.pdf",
                "report.pdf",
                new Extraction(
                    Extraction.Status.FULL, null, "application/pdf", "Annual report", pages, 300)))
        .contentHash("report-" + pages.size())
        .build();
  }

  @BeforeAll
  void index(@TempDir Path folder) throws IOException {
    dir = folder;
    embedder = Models.load();
    records =
        new RecordEmbedder(embedder, new Passages(embedder.tokens(), Passages.Settings.defaults()));
    try (IndexWriter writer = writer()) {
      for (MapDocument d : RECORDS) {
        write(writer, d, Map.of());
      }
      writer.commit();
    }
  }

  @AfterAll
  void close() {
    embedder.close();
  }

  private IndexWriter writer() throws IOException {
    // As the service writes: its analyzers and similarity.
    return new IndexWriter(
        FSDirectory.open(dir),
        new IndexWriterConfig(Analysis.indexAnalyzerPerField())
            .setSimilarity(IndexStore.SIMILARITY));
  }

  private RecordEmbedder.Result write(IndexWriter writer, MapDocument d, Map<String, float[]> known)
      throws IOException {
    RecordEmbedder.Result embedded = records.embed(d, known);
    RecordBlocks.write(writer, d.id(), mapper.toLucene(d), embedded.passages());
    return embedded;
  }

  private List<VectorQueries.Match> search(
      String query, int k, org.apache.lucene.search.Query filter) throws IOException {
    try (IndexStore store = IndexStore.openExisting(dir);
        IndexStore.Lease lease = store.lease()) {
      return vectors.search(lease.searcher(), embedder.embedQuery(query), k, filter);
    }
  }

  @Test
  void theNearestRecordIsTheOneThatMeansWhatTheQueryAsks() throws IOException {
    List<VectorQueries.Match> found =
        search("what to do when someone's heart stops beating", 3, null);

    assertThat(found.get(0).id()).isEqualTo("cpr");
    assertThat(found.get(0).section()).isEqualTo(Passage.Section.BODY);
    assertThat(found.get(0).page()).isZero();
    assertThat(found.get(0).score()).isBetween(0f, 1f);
  }

  @Test
  void aRecordIsFoundByItsBestPassageAndKnowsItsPdfPage() throws IOException {
    List<VectorQueries.Match> found = search("measles immunisation for toddlers", 5, null);

    VectorQueries.Match report =
        found.stream().filter(m -> m.id().equals("report")).findFirst().orElseThrow();
    assertThat(report.section()).isEqualTo(Passage.Section.PAGE);
    assertThat(report.page()).isEqualTo(2);
    assertThat(report.start()).isZero();
    assertThat(report.end())
        .isEqualTo(RECORDS.get(1).mainDocument().extraction().pages().get(1).length());
  }

  @Test
  void eachRecordAppearsOnceHoweverManyOfItsPassagesAreNear() throws IOException {
    List<VectorQueries.Match> found = search("nurses and vaccination", 10, null);

    assertThat(found).hasSize(RECORDS.size());
    assertThat(found).extracting(VectorQueries.Match::id).doesNotHaveDuplicates();
    assertThat(found).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
  }

  @Test
  void theFilterActsInsideTheSearchSoANarrowFilterStillFillsK() throws IOException {
    // The two news items are far from this query: filtering the top 2 afterwards would leave none.
    List<VectorQueries.Match> unfiltered = search("what to do when someone's heart stops", 2, null);
    List<VectorQueries.Match> news =
        search(
            "what to do when someone's heart stops",
            2,
            new TermQuery(new Term(IndexFields.TYPE, DocType.NEWS.value())));

    assertThat(unfiltered).extracting(VectorQueries.Match::id).doesNotContain("bins", "flu");
    assertThat(news).extracting(VectorQueries.Match::id).containsExactlyInAnyOrder("bins", "flu");
  }

  @Test
  void aRecordIsReplacedWithItsPassagesAndUnchangedPassagesAreNotEmbeddedAgain()
      throws IOException {
    MapDocument shorter = report(RECORDS.get(1).mainDocument().extraction().pages().subList(0, 2));
    RecordEmbedder.Result rewritten;
    try (IndexWriter writer = writer();
        DirectoryReader before = DirectoryReader.open(writer)) {
      Map<String, float[]> known = PassageVectors.of(before, "report");
      assertThat(known).hasSize(4); // body and three pages
      rewritten = write(writer, shorter, known);
      writer.commit();
    }
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      assertThat(rewritten.embedded()).isZero();
      assertThat(rewritten.reused()).isEqualTo(3);
      assertThat(searcher.count(new TermQuery(new Term(RecordBlocks.OF, "report")))).isEqualTo(3);
      assertThat(searcher.count(new TermQuery(new Term(IndexFields.ID, "report")))).isEqualTo(1);
      assertThat(searcher.count(RecordBlocks.records())).isEqualTo(RECORDS.size());
      Map<String, float[]> stored = PassageVectors.of(reader, "report");
      for (EmbeddedPassage p : rewritten.passages()) {
        assertThat(stored.get(p.key())).containsExactly(p.vector());
      }
      // Lucene's own check that every passage sits in a block before its record.
      CheckJoinIndex.check(reader, new QueryBitSetProducer(RecordBlocks.records()));
    } finally {
      try (IndexWriter writer = writer()) {
        write(writer, RECORDS.get(1), Map.of());
        writer.commit();
      }
    }
  }

  @Test
  void luceneHoldsOneVectorPerFieldPerDocumentWhichIsWhyPassagesAreChildDocuments(
      @TempDir Path other) throws IOException {
    org.apache.lucene.document.Document twoVectors = new org.apache.lucene.document.Document();
    for (String text : List.of("first passage", "second passage")) {
      twoVectors.add(
          new org.apache.lucene.document.KnnFloatVectorField(
              RecordBlocks.VECTOR,
              embedder.embedPassages(List.of(text)).get(0),
              org.apache.lucene.index.VectorSimilarityFunction.DOT_PRODUCT));
    }
    try (IndexWriter writer = new IndexWriter(FSDirectory.open(other), new IndexWriterConfig())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.addDocument(twoVectors))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("only one value");
    }
  }

  @Test
  void wordQueriesAndIdLookupsFindRecordsNeverPassages() throws IOException {
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      QueryBitSetProducer parents = new QueryBitSetProducer(RecordBlocks.records());
      for (var q :
          List.of(
              new TermQuery(new Term(IndexFields.ALL, "heart")),
              new TermQuery(new Term(IndexFields.ID, "cpr")))) {
        ScoreDoc[] hits = searcher.search(q, 10).scoreDocs;
        assertThat(hits).hasSize(1);
        var leaf =
            reader
                .leaves()
                .get(org.apache.lucene.index.ReaderUtil.subIndex(hits[0].doc, reader.leaves()));
        assertThat(parents.getBitSet(leaf).get(hits[0].doc - leaf.docBase)).isTrue();
      }
      assertThat(searcher.count(RecordBlocks.passages()))
          .isEqualTo(reader.numDocs() - RECORDS.size());
    }
  }
}
