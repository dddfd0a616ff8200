package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Fixtures;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.cli.TestServers;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.OcrSettings;
import org.maptoolkit.search.ingest.TikaExtractor;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;

/**
 * Ingestion of real documents nobody here wrote ({@code ../shared/realdocs}: reports, slide decks,
 * scans, an encrypted and a damaged PDF, French, Korean and Arabic text), checked against what
 * outside tools read in the same files ({@code src/test/resources/realdocs/expected.tsv}: poppler,
 * tesseract and the files' XML, never our own output). The documents are ingested once with the
 * real {@code ingest} command, with OCR when Tesseract is installed (CI installs it).
 */
class RealDocumentsTest {
  @TempDir static Path dir;
  static Path source;
  static Path index;
  static IndexStore store;
  static SearchService search;
  static Map<String, Row> expected;
  static Cli.Result firstRun;
  static boolean ocr;

  /** One row of expected.tsv (see its README for how each value was read). */
  record Row(
      String file,
      String kind,
      int pages,
      int pagesWithText,
      String metaTitle,
      boolean metaTitleJunk,
      String goodTitle,
      String created,
      String language,
      Integer phrasePage,
      String phrase,
      String ocrPhrase) {

    String id() {
      return "documents:" + file;
    }
  }

  @BeforeAll
  static void ingest() throws IOException {
    Path documents = Project.shared("realdocs/documents");
    expected = readExpected();
    ocr = OcrSettings.detect("tesseract", 60).enabled();
    source = dir.resolve("site");
    index = dir.resolve("index");
    try (Stream<Path> files = Files.list(documents)) {
      for (Path f : files.toList()) {
        Fixtures.write(
            source.resolve("documents").resolve(f.getFileName().toString()), Files.readAllBytes(f));
      }
    }
    // Names that break naive links: a space and a hash, a percent sign, "%20" as written, a
    // question mark, and letters outside ASCII; two pages link to them as their main documents.
    Fixtures.write(
        source.resolve("shared files/Annual report #1 (final).docx"),
        Files.readAllBytes(documents.resolve("word_sample.docx")));
    Fixtures.write(
        source.resolve("shared files/100% done?.pdf"),
        Files.readAllBytes(documents.resolve("amt_handbook_sample.pdf")));
    Fixtures.write(
        source.resolve("shared files/a%20b.pdf"),
        Files.readAllBytes(documents.resolve("issue-982-example.pdf")));
    Fixtures.write(
        source.resolve("shared files/보고서 요약.pdf"),
        Files.readAllBytes(documents.resolve("normal_4pages.pdf")));
    Fixtures.write(
        source.resolve("drivers/annual report.html"),
        Fixtures.driver(
            "Annual report",
            "NHS England",
            "All staff",
            "2024",
            "../shared%20files/Annual%20report%20%231%20(final).docx",
            "The annual report of a duck."));
    Fixtures.write(
        source.resolve("drivers/Κορέα.html"),
        Fixtures.driver(
            "Insurance in Korea",
            "NHS England",
            "All staff",
            "2020",
            "../shared files/보고서 요약.pdf",
            "A Korean report about insurance."));
    firstRun =
        Cli.run(
            "ingest",
            "--no-semantic",
            source.toString(),
            "--index",
            index.toString(),
            "--no-fetch");
    System.out.println(firstRun.out());
    assertThat(firstRun.exit()).as(firstRun.err()).isZero();
    store = IndexStore.open(index);
    search = new SearchService(store, Analysis.queryAnalyzer(List.of()));
  }

  @AfterAll
  static void close() throws IOException {
    if (store != null) {
      store.close();
    }
  }

  static Map<String, Row> readExpected() throws IOException {
    List<String> lines =
        Files.readAllLines(Project.dir().resolve("src/test/resources/realdocs/expected.tsv"));
    List<String> header = List.of(lines.getFirst().split("\t", -1));
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.split("\t", -1);
      java.util.function.Function<String, String> cell = name -> c[header.indexOf(name)].strip();
      rows.put(
          cell.apply("file"),
          new Row(
              cell.apply("file"),
              cell.apply("kind"),
              number(cell.apply("pages")),
              number(cell.apply("pages_with_text")),
              cell.apply("meta_title"),
              cell.apply("meta_title_junk").equals("yes"),
              cell.apply("good_title"),
              cell.apply("created"),
              cell.apply("language"),
              cell.apply("phrase_page").isEmpty() ? null : number(cell.apply("phrase_page")),
              cell.apply("phrase"),
              cell.apply("ocr_phrase")));
    }
    return rows;
  }

  private static int number(String s) {
    return s.isEmpty() ? 0 : Integer.parseInt(s.replaceAll("\\D.*", ""));
  }

  private static MapDocument record(String id) {
    return search.document(id).orElseThrow(() -> new AssertionError("no record " + id));
  }

  private static List<String> ids(String query) {
    return search
        .search(new SearchRequest(query, Map.of(), SearchRequest.Sort.RELEVANCE, 1, 50))
        .hits()
        .stream()
        .map(SearchResult.Hit::id)
        .toList();
  }

  @Test
  void everyFileHasARecordWithAStatusThatSaysWhatWasRead() {
    for (Row row : expected.values()) {
      Extraction e = record(row.id()).mainDocument().extraction();
      String what = row.file() + ": " + e.status() + " " + e.reason();
      switch (row.kind()) {
        case "pdf-encrypted" -> {
          assertThat(e.status()).as(what).isEqualTo(Extraction.Status.FAILED);
          assertThat(e.reason()).as(what).startsWith("encrypted");
        }
        case "pdf-scan" -> {
          if (ocr) {
            assertThat(e.ocrPages()).as(what).isEqualTo(row.pages());
            if (row.file().equals("nemotron_multipage.pdf")) {
              // Pages 2 and 4 are upside down (expected.tsv): Tesseract reads noise on one or both.
              assertThat(e.status()).as(what).isEqualTo(Extraction.Status.PARTIAL);
              assertThat(e.reason())
                  .as(what)
                  .matches(
                      "text of 4 of 4 pages read by OCR; [12] of them hold little that reads as"
                          + " words");
            } else {
              assertThat(e.status()).as(what).isEqualTo(Extraction.Status.FULL);
            }
          } else {
            assertThat(e.status()).as(what).isEqualTo(Extraction.Status.NO_TEXT);
            assertThat(e.reason()).as(what).contains("install tesseract-ocr");
          }
        }
        case "pdf-mixed", "pdf-damaged" -> {
          // Pages without a text layer (poppler: pages_with_text < pages) are said, or read by OCR.
          int missing = row.pages() - row.pagesWithText();
          assertThat(e.status()).as(what).isEqualTo(Extraction.Status.PARTIAL);
          if (!ocr) {
            assertThat(e.reason()).as(what).startsWith(missing + " of " + row.pages() + " pages");
          } else if (row.file().equals("multipage.pdf")) {
            // Page 2 is a 9000 x 9000 scan (pdfimages): rendering it for OCR exhausts a worker's
            // 512 MB, so the document keeps its text layer and says why the rest is missing.
            assertThat(e.reason())
                .as(what)
                .isEqualTo(
                    missing
                        + " of "
                        + row.pages()
                        + " pages have no text layer (OCR ran out of memory on this document and"
                        + " was left out)");
          } else {
            // A Chinese signature page read with English and French data: noise, and said so.
            assertThat(e.ocrPages()).as(what).isEqualTo(missing);
            assertThat(e.reason())
                .as(what)
                .isEqualTo("text read by OCR, but little of it reads as words");
          }
        }
        default -> {
          assertThat(e.status()).as(what).isEqualTo(Extraction.Status.FULL);
          if (row.kind().equals("pdf-text")) {
            assertThat(e.pages()).as(what).isEmpty(); // the index keeps pages apart from records
          }
        }
      }
    }
  }

  @Test
  void everyRecordHasARealTitleNeverAToolsPlaceholder() {
    for (Row row : expected.values()) {
      String title = record(row.id()).title();
      assertThat(title).as(row.file()).isNotBlank();
      if (!row.metaTitle().isEmpty() && !row.metaTitleJunk()) {
        assertThat(title).as(row.file()).isEqualTo(row.metaTitle());
      }
      if (row.metaTitleJunk()) {
        assertThat(title).as(row.file()).isNotEqualTo(row.metaTitle());
      }
      assertThat(title.toLowerCase(Locale.ROOT))
          .as(row.file())
          .doesNotStartWith("microsoft word -")
          .isNotIn("untitled", "title", "powerpoint presentation", "adobe photoshop pdf")
          .doesNotEndWith(".exe")
          .doesNotEndWith(".doc");
    }
    // Where the file's own first heading or line is its title, as a reader names it.
    for (String file :
        List.of(
            "WARN-Report-for-7-1-2015-to-03-25-2016.pdf",
            "scotus-transcript-p1.pdf",
            "cupertino_usd_4-6-16.pdf",
            "word_sample.docx",
            "text_document_02.odt")) {
      assertThat(record("documents:" + file).title())
          .as(file)
          .isEqualToIgnoringCase(expected.get(file).goodTitle());
    }
    // An encrypted file cannot tell its title: its name made readable.
    assertThat(record("documents:password-example.pdf").title()).isEqualTo("Password example");
  }

  @Test
  void datesAndLanguageComeFromTheFiles() {
    List<String> languages = new ArrayList<>();
    List<String> expectedLanguages = new ArrayList<>();
    for (Row row : expected.values()) {
      MapDocument d = record(row.id());
      // An encrypted file's dates are behind its password (poppler read them with it).
      if (!row.created().isEmpty() && !row.kind().equals("pdf-encrypted")) {
        assertThat(d.published()).as(row.file()).isNotNull();
        // Creation times near midnight fall on either side of it by time zone (francais.pdf).
        assertThat(d.published().start())
            .as(row.file())
            .isBetween(
                java.time.LocalDate.parse(row.created()).minusDays(1),
                java.time.LocalDate.parse(row.created()).plusDays(1));
      }
      boolean readable =
          row.kind().startsWith("pdf-text")
              || !row.kind().startsWith("pdf")
              || (ocr && row.kind().equals("pdf-scan"));
      if (readable && !row.kind().equals("pdf-encrypted")) {
        languages.add(row.file() + " " + d.language());
        expectedLanguages.add(row.file() + " " + row.language());
      }
    }
    assertThat(languages).containsExactlyElementsOf(expectedLanguages);
  }

  @Test
  void everyFileIsFoundByItsOwnWordsOnItsPage() {
    for (Row row : expected.values()) {
      if (row.phrase().isEmpty() || row.kind().equals("pdf-encrypted")) {
        continue;
      }
      SearchResult r =
          search.search(
              new SearchRequest(
                  "\"" + row.phrase() + "\"", Map.of(), SearchRequest.Sort.RELEVANCE, 1, 20));
      SearchResult.Hit hit =
          r.hits().stream()
              .filter(h -> h.id().equals(row.id()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          row.file()
                              + " not found by \""
                              + row.phrase()
                              + "\": "
                              + r.hits().stream().map(SearchResult.Hit::id).toList()));
      if (row.phrasePage() != null && row.file().endsWith(".pdf")) {
        assertThat(hit.snippet().page()).as(row.file()).isEqualTo(row.phrasePage());
      }
    }
  }

  @Test
  void textInOtherLanguagesIsSearchableByItsOwnWords() {
    // Words that poppler reads in the French minutes and the Korean report (expected.tsv).
    assertThat(ids("\"" + expected.get("2023-06-20-PV.pdf").phrase() + "\""))
        .contains("documents:2023-06-20-PV.pdf");
    assertThat(ids(expected.get("normal_4pages.pdf").phrase()))
        .contains("documents:normal_4pages.pdf");
    assertThat(ids(expected.get("right_to_left_01.pdf").phrase()))
        .contains("documents:right_to_left_01.pdf");
  }

  @Test
  void scansAreSearchableByWhatOcrReads() {
    Project.require(
        ocr, "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra)");
    for (String file : List.of("c02-22.pdf", "skew.pdf", "francais.pdf")) {
      Row row = expected.get(file);
      assertThat(ids("\"" + row.ocrPhrase() + "\"")).as(file).contains(row.id());
      Extraction e = record(row.id()).mainDocument().extraction();
      assertThat(e.reason()).as(file).startsWith("text read by OCR");
    }
  }

  @Test
  void withoutTesseractAScanSaysHowToReadIt() throws IOException {
    OcrSettings absent = OcrSettings.detect("/nonexistent/tesseract", 60);
    assertThat(absent.enabled()).isFalse();
    Path documents = Project.shared("realdocs/documents");
    try (TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT, absent)) {
      Extraction scan = extractor.extract(documents.resolve("skew.pdf"), "skew.pdf");
      assertThat(scan.status()).isEqualTo(Extraction.Status.NO_TEXT);
      assertThat(scan.reason())
          .isEqualTo(
              "no text layer (a scanned PDF): Tesseract is not installed: install tesseract-ocr,"
                  + " then ingest with --retry-failed to read scans by OCR");
      Extraction mixed = extractor.extract(documents.resolve("multipage.pdf"), "multipage.pdf");
      Row row = expected.get("multipage.pdf");
      assertThat(mixed.status()).isEqualTo(Extraction.Status.PARTIAL);
      assertThat(mixed.reason())
          .startsWith(
              (row.pages() - row.pagesWithText())
                  + " of "
                  + row.pages()
                  + " pages have no text layer");
    }
  }

  @Test
  void anOfficeFileKeepsItsOwnTextAndAddsItsEmbeddedDocumentsAfter() {
    Row odt = expected.get("text_document_02.odt");
    MapDocument d = record(odt.id());
    assertThat(d.mainDocument().extraction().status()).isEqualTo(Extraction.Status.FULL);
    assertThat(ids("\"" + odt.phrase() + "\"")).contains(odt.id());
    // The embedded chart's table (embedded.tsv) is searchable too, after the container's text.
    assertThat(ids("\"Column 1\" \"Row 4\"")).contains(odt.id());
  }

  @Test
  void aFailedFileIsRememberedAndNotReadAgainUnlessAsked() {
    Cli.Result again =
        Cli.run(
            "ingest",
            "--no-semantic",
            source.toString(),
            "--index",
            index.toString(),
            "--no-fetch",
            "--report",
            dir.resolve("again.json").toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains(" 0 indexed, ");
    JsonNode report = json(dir.resolve("again.json"));
    JsonNode encrypted = entry(report, "documents:password-example.pdf");
    assertThat(encrypted.get("outcome").asText()).isEqualTo("UNCHANGED");
    assertThat(encrypted.get("reason").asText())
        .isEqualTo(
            "unchanged since it failed (--retry-failed reads it again): encrypted: a password is"
                + " needed to read it");

    Cli.Result retry =
        Cli.run(
            "ingest",
            "--no-semantic",
            source.toString(),
            "--index",
            index.toString(),
            "--no-fetch",
            "--retry-failed",
            "--report",
            dir.resolve("retry.json").toString());
    assertThat(retry.exit()).as(retry.err()).isZero();
    JsonNode retried = json(dir.resolve("retry.json"));
    assertThat(entry(retried, "documents:password-example.pdf").get("outcome").asText())
        .isEqualTo("FAILED");
    assertThat(retried.get("indexed").asInt() + retried.get("failed").asInt()).isEqualTo(1);
  }

  @Test
  void everyLinkOfEveryRecordResolves() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (ApiServer server = TestServers.server(store, source, List.of())) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      Set<String> links = new LinkedHashSet<>();
      JsonNode all = getJson(http, base + "/api/search?size=100");
      // The documents, two shared files no page links to, and the two pages.
      List<String> allIds = new ArrayList<>();
      all.get("hits").forEach(h -> allIds.add(h.get("id").asText()));
      assertThat(all.get("total").asInt()).as(allIds.toString()).isEqualTo(expected.size() + 2 + 2);
      for (JsonNode hit : all.get("hits")) {
        links.add(hit.get("url").asText());
        links.add("/api/documents/" + hit.get("id").asText());
        if (hit.hasNonNull("mainDocument")
            && hit.get("mainDocument").get("url").asText().startsWith("/")) {
          links.add(hit.get("mainDocument").get("url").asText());
        }
      }
      // A search whose snippets name PDF pages, with its feed and export links from the page.
      String q =
          URLEncoder.encode(expected.get("issue-982-example.pdf").phrase(), StandardCharsets.UTF_8);
      for (JsonNode hit : getJson(http, base + "/api/search?q=" + q).get("hits")) {
        if (hit.get("snippet").hasNonNull("link")) {
          links.add(hit.get("snippet").get("link").asText());
        }
      }
      List<String> pages = new ArrayList<>();
      for (String link : links) {
        if (link.startsWith("/documents/")) {
          pages.add(link);
        }
      }
      pages.add("/?q=" + q);
      for (String page : pages) {
        String html = get(http, base + page).body();
        for (Element a : Jsoup.parse(html, base + page).select("a[href], link[href]")) {
          String href = a.attr("abs:href");
          if (href.startsWith(base)) {
            links.add(href.substring(base.length()));
          }
        }
      }
      List<String> broken = new ArrayList<>();
      for (String link : links) {
        URI uri = URI.create(base).resolve(link);
        HttpResponse<String> r = get(http, uri.toString());
        if (r.statusCode() / 100 != 2) {
          broken.add(r.statusCode() + " " + link);
        }
      }
      System.out.printf(
          "followed %d links of %d records%n", links.size(), all.get("total").asInt());
      assertThat(broken).isEmpty();
      // The files with awkward names were among them: a folder "shared files" is "shared-files-…".
      assertThat(links).anyMatch(l -> l.contains("shared-files-"));
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode getJson(HttpClient http, String url) throws Exception {
    return new ObjectMapper().readTree(get(http, url).body());
  }

  private static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode entry(JsonNode report, String id) {
    for (JsonNode e : report.get("entries")) {
      if (e.get("id").asText().equals(id)) {
        return e;
      }
    }
    throw new AssertionError("no entry " + id);
  }
}
