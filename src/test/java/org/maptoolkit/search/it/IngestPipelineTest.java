package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Fixtures;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexSchema;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.index.IndexUpdate;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.FetchConfig;
import org.maptoolkit.search.ingest.ForkedExtractor;
import org.maptoolkit.search.ingest.HttpFetcher;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.TikaExtractor;
import org.maptoolkit.search.ingest.Vocabulary;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.search.Snippet;

/** The ingest pipeline end to end on real files, a real index and a real loopback HTTP server. */
class IngestPipelineTest {
  @TempDir Path dir;
  Path source;
  Path index;

  @BeforeEach
  void writeSource() throws IOException {
    source = dir.resolve("site");
    index = dir.resolve("index");
    Fixtures.write(
        source.resolve("drivers/workforce.html"),
        Fixtures.driver(
            "NHS Long Term Workforce Plan",
            "NHS England",
            "All",
            "30 June 2023",
            "../documents/workforce.pdf",
            "A plan to train and keep more NHS staff."));
    Fixtures.write(
        source.resolve("documents/workforce.pdf"),
        Fixtures.pdf(
            List.of("Introduction to the plan", "We describe tidal workforce modelling here")));
    Fixtures.write(
        source.resolve("drivers/lks-policy.html"),
        Fixtures.driver(
            "NHS Library and Knowledge Services in England policy",
            "Health Education England (HEE)",
            "All NHS England organisations, particularly Executives and senior managers",
            "January 2017",
            "https://www.hee.nhs.uk/our-work/library-knowledge-services",
            "Librarians act as knowledge brokers."));
    Fixtures.write(
        source.resolve("stories/brokers.html"),
        Fixtures.story(
            "Knowledge brokers on the wards",
            "Our clinical librarians joined ward rounds.",
            List.of("../drivers/lks-policy.html")));
    Fixtures.write(source.resolve("meetings/secret.html"), Fixtures.protectedMeeting("PLOVERTON"));
  }

  private IngestReport ingest(Path path, HttpFetcher fetcher) throws IOException {
    try (IndexStore store = IndexStore.open(index);
        TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT)) {
      return new Ingester(store, extractor, Vocabulary.bundled(), fetcher, 2)
          .ingest(Source.open(path), true, Ingester.Progress.NONE);
    }
  }

  private SearchResult search(String q) {
    try (IndexStore store = IndexStore.open(index)) {
      return new SearchService(store, Analysis.queryAnalyzer(List.of()))
          .search(SearchRequest.of(q));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private MapDocument document(String id) throws IOException {
    try (IndexStore store = IndexStore.open(index)) {
      return new SearchService(store, Analysis.queryAnalyzer(List.of())).document(id).orElseThrow();
    }
  }

  @Test
  void indexesPagesWithTheirFieldsAndSkipsTheProtectedPage() throws IOException {
    IngestReport report = ingest(source, null);

    assertThat(report.indexed()).isEqualTo(3);
    assertThat(report.skipped()).isEqualTo(1);
    assertThat(report.failed()).isZero();
    assertThat(report.entries())
        .filteredOn(e -> e.outcome() == IngestReport.Outcome.SKIPPED)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.id()).isEqualTo("meetings:secret");
              assertThat(e.reason()).isEqualTo("password-protected page");
            });
    MapDocument lks = document("drivers:lks-policy");
    assertThat(lks.source()).isEqualTo("Health Education England");
    assertThat(lks.sourceText()).isEqualTo("Health Education England (HEE)");
    assertThat(lks.audiences()).containsExactly("All staff", "Executives and senior managers");
    assertThat(lks.published().iso()).isEqualTo("2017-01");
    assertThat(lks.mainDocument().href()).startsWith("https://www.hee.nhs.uk/");
    assertThat(lks.mainDocument().extraction()).isNull();
    MapDocument story = document("stories:brokers");
    assertThat(story.related()).containsExactly("drivers:lks-policy");
    assertThat(search("PLOVERTON").total()).isZero();
    assertThat(search("dial-in").total()).isZero();
  }

  @Test
  void findsWordsThatOccurOnlyInTheLinkedPdfAndNamesThePage() throws IOException {
    ingest(source, null);

    SearchResult result = search("tidal modelling");

    assertThat(result.hits()).hasSize(1);
    SearchResult.Hit hit = result.hits().getFirst();
    assertThat(hit.id()).isEqualTo("drivers:workforce");
    assertThat(hit.snippet().field()).isEqualTo("doc");
    assertThat(hit.snippet().page()).isEqualTo(2);
    assertThat(hit.snippet().parts())
        .containsExactly(
            new Snippet.Part("We describe ", false),
            new Snippet.Part("tidal", true),
            new Snippet.Part(" workforce ", false),
            new Snippet.Part("modelling", true),
            new Snippet.Part(" here", false));
    assertThat(hit.record().mainDocument().extraction().status()).isEqualTo(Extraction.Status.FULL);
  }

  @Test
  void secondRunReparsesNothingThenPicksUpChangesAndRemovals() throws IOException {
    IngestReport first = ingest(source, null);
    IngestReport second = ingest(source, null);
    System.out.printf(
        "incremental ingest: first %d ms, unchanged re-run %d ms%n",
        first.millis(), second.millis());

    assertThat(second.indexed()).isZero();
    assertThat(second.unchanged()).isEqualTo(3);
    assertThat(second.skipped()).isEqualTo(1);

    Files.writeString(
        source.resolve("drivers/lks-policy.html"),
        Files.readString(source.resolve("drivers/lks-policy.html"))
            .replace("knowledge brokers", "evidence champions"));
    Files.delete(source.resolve("stories/brokers.html"));
    Files.writeString(
        source.resolve("documents/workforce.pdf"), "", java.nio.file.StandardOpenOption.APPEND);
    IngestReport third = ingest(source, null);

    assertThat(third.indexed()).isEqualTo(1);
    assertThat(third.unchanged()).isEqualTo(1);
    assertThat(third.deleted()).isEqualTo(1);
    assertThat(search("evidence champions").hits())
        .extracting(SearchResult.Hit::id)
        .containsExactly("drivers:lks-policy");
    assertThat(search("wards").total()).isZero();

    // Touched but not changed: its bytes are hashed again, and it is not re-parsed.
    Path page = source.resolve("drivers/lks-policy.html");
    java.nio.file.attribute.FileTime later =
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(page).toMillis() + 3_600_000);
    Files.setLastModifiedTime(page, later);
    IngestReport touched = ingest(source, null);
    assertThat(touched.indexed()).isZero();
    assertThat(touched.unchanged()).isEqualTo(2);
    // Changed with the same size: the new time sends it to the hash, which sees the change.
    Files.writeString(
        page, Files.readString(page).replace("evidence champions", "evidence championz"));
    Files.setLastModifiedTime(
        page, java.nio.file.attribute.FileTime.fromMillis(later.toMillis() + 3_600_000));
    IngestReport sameSize = ingest(source, null);
    assertThat(sameSize.indexed()).isEqualTo(1);
    assertThat(search("championz").hits())
        .extracting(SearchResult.Hit::id)
        .containsExactly("drivers:lks-policy");
  }

  @Test
  void anIndexBuiltWithAnotherSchemaIsIndexedAgainInFull() throws IOException {
    ingest(source, null);
    // The last commit names another schema, as an index written by a build with other fields,
    // facets or analysis would: none of its records may count as unchanged.
    try (IndexStore store = IndexStore.open(index);
        IndexUpdate update = store.update()) {
      java.util.Map<String, String> data = new java.util.HashMap<>(update.lastCommitData());
      assertThat(data.get(IndexSchema.COMMIT_KEY)).isEqualTo(Ingester.schema());
      data.put(IndexSchema.COMMIT_KEY, "a schema of an older build");
      update.commit(data);
    }

    IngestReport again = ingest(source, null);
    assertThat(again.indexed()).isEqualTo(3);
    assertThat(again.unchanged()).isZero();
    assertThat(ingest(source, null).unchanged()).isEqualTo(3);
  }

  @Test
  void fetchesLinkedDocumentsOverHttpAndRevalidatesFromTheCache() throws Exception {
    byte[] pdf = Fixtures.pdf(List.of("Cover", "A remote page about estuary staffing ratios"));
    AtomicInteger bodies = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/plan.pdf",
        exchange -> {
          if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
          } else {
            bodies.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            exchange.sendResponseHeaders(200, pdf.length);
            exchange.getResponseBody().write(pdf);
          }
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/plan.pdf";
      Fixtures.write(
          source.resolve("drivers/remote.html"),
          Fixtures.driver(
              "Remote plan", "NHS England", "All", "2020", url, "A plan held elsewhere."));
      try (HttpFetcher fetcher =
          new HttpFetcher(
              FetchConfig.defaults(dir.resolve("cache"), java.util.Set.of("127.0.0.1")))) {
        IngestReport first = ingest(source, fetcher);
        IngestReport second = ingest(source, fetcher);

        assertThat(first.indexed()).isEqualTo(4);
        assertThat(second.unchanged()).isEqualTo(4);
      }
      assertThat(bodies).hasValue(1);
      SearchResult result = search("estuary staffing");
      assertThat(result.hits()).extracting(SearchResult.Hit::id).containsExactly("drivers:remote");
      assertThat(result.hits().getFirst().snippet().page()).isEqualTo(2);
      assertThat(result.hits().getFirst().record().mainDocument().href()).isEqualTo(url);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void extractsInChildProcessesAndReportsAnUnreadableDocument() throws IOException {
    Fixtures.write(
        source.resolve("documents/locked.pdf"),
        "%PDF-1.7 not really".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (IndexStore store = IndexStore.open(index);
        ForkedExtractor extractor = new ForkedExtractor(ExtractionLimits.DEFAULT, 2, 256)) {
      IngestReport report =
          new Ingester(store, extractor, Vocabulary.bundled(), null, 2)
              .ingest(Source.open(source), true, Ingester.Progress.NONE);

      assertThat(report.indexed()).isEqualTo(3);
      assertThat(report.failed()).isEqualTo(1);
      assertThat(report.entries())
          .filteredOn(e -> e.outcome() == IngestReport.Outcome.FAILED)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.id()).isEqualTo("documents:locked.pdf");
                assertThat(e.reason()).startsWith("cannot parse");
              });
    }
    assertThat(search("tidal").hits())
        .extracting(SearchResult.Hit::id)
        .containsExactly("drivers:workforce");
  }

  @Test
  void readsAWordPressExportSkippingProtectedPostsAndDrafts() throws IOException {
    Path wxr =
        Fixtures.write(
            dir.resolve("export.xml"),
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                 xmlns:wp="http://wordpress.org/export/1.2/">
            <channel><title>MAP Toolkit</title>
            <item><title>Better Births</title><link>https://example.org/better-births/</link>
              <content:encoded><![CDATA[<strong>Source:</strong> NHS England

            <strong>Summary of driver:</strong> A review of maternity services.

            <strong>Date of publication:</strong> 23 February 2016]]></content:encoded>
              <wp:post_id>11</wp:post_id><wp:post_name>better-births</wp:post_name>
              <wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_password></wp:post_password>
              <category domain="category" nicename="drivers"><![CDATA[Drivers]]></category></item>
            <item><title>Meeting 22nd March 2017</title><content:encoded><![CDATA[Dial in QUILLSBY]]></content:encoded>
              <wp:post_id>12</wp:post_id><wp:post_name>meeting-22</wp:post_name><wp:post_type>post</wp:post_type>
              <wp:status>publish</wp:status><wp:post_password>secret</wp:post_password></item>
            <item><title>Draft</title><content:encoded><![CDATA[unfinished]]></content:encoded>
              <wp:post_id>13</wp:post_id><wp:post_name>draft</wp:post_name><wp:post_type>post</wp:post_type>
              <wp:status>draft</wp:status><wp:post_password></wp:post_password></item>
            <item><title>plan.pdf</title><wp:post_id>14</wp:post_id><wp:post_type>attachment</wp:post_type>
              <wp:attachment_url>https://example.org/plan.pdf</wp:attachment_url></item>
            </channel></rss>
            """);

    IngestReport report = ingest(wxr, null);

    assertThat(report.indexed()).isEqualTo(1);
    assertThat(report.skipped()).isEqualTo(2);
    assertThat(report.entries())
        .extracting(IngestReport.Entry::id, IngestReport.Entry::outcome, IngestReport.Entry::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("wp:post:11", IngestReport.Outcome.INDEXED, null),
            org.assertj.core.groups.Tuple.tuple(
                "wp:post:12", IngestReport.Outcome.SKIPPED, "password-protected post"),
            org.assertj.core.groups.Tuple.tuple(
                "wp:post:13", IngestReport.Outcome.SKIPPED, "not published (status draft)"));
    MapDocument births = document("wp:post:11");
    assertThat(births.type().value()).isEqualTo("driver");
    assertThat(births.source()).isEqualTo("NHS England");
    assertThat(births.summary()).isEqualTo("A review of maternity services.");
    assertThat(births.published().iso()).isEqualTo("2016-02-23");
    assertThat(births.url()).isEqualTo("https://example.org/better-births/");
    assertThat(search("QUILLSBY").total()).isZero();
  }

  @Test
  void loadsJsonLinesAndReportsABadLine() throws IOException {
    Path jsonl =
        Fixtures.write(
            dir.resolve("bulk.jsonl"),
            """
            {"_id": "a1", "title": "Antimicrobial stewardship", "text": "Reducing antibiotic use.", "source": "DHSC", "published": "May 2024"}
            {"id": "a2", "title": "Sepsis screening", "text": "Early warning scores.", "type": "driver", "audience": ["Clinicians"]}
            {"title": "no id here"}
            not json
            """);

    IngestReport report = ingest(jsonl, null);

    assertThat(report.indexed()).isEqualTo(2);
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.entries())
        .filteredOn(e -> e.outcome() == IngestReport.Outcome.FAILED)
        .extracting(IngestReport.Entry::origin, e -> e.reason().replaceFirst(":.*", ""))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("bulk.jsonl:3", "no _id or id"),
            org.assertj.core.groups.Tuple.tuple("bulk.jsonl:4", "not valid JSON"));
    MapDocument a1 = document("a1");
    assertThat(a1.source()).isEqualTo("Department of Health and Social Care");
    assertThat(a1.published().iso()).isEqualTo("2024-05");
    assertThat(document("a2").audiences()).containsExactly("Clinicians");
    assertThat(search("antibiotic").hits()).extracting(SearchResult.Hit::id).containsExactly("a1");
  }
}
