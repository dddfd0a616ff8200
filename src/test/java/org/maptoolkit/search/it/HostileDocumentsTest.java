package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Fixtures;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.ForkedExtractor;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.Vocabulary;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.SearchController;

/**
 * Hostile documents, made by the test: each is reported with a status and a reason, every other
 * document is indexed, no external entity is fetched, and the server answers searches throughout.
 */
class HostileDocumentsTest {
  @TempDir Path dir;
  HttpServer canary;
  final AtomicInteger canaryHits = new AtomicInteger();

  @BeforeEach
  void startCanary() throws IOException {
    // Any request here means a parser resolved an external entity or URL.
    canary =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    canary.createContext(
        "/",
        exchange -> {
          canaryHits.incrementAndGet();
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("hi".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          exchange.close();
        });
    canary.start();
  }

  @AfterEach
  void stopCanary() {
    canary.stop(0);
  }

  @Test
  void everyHostileDocumentIsReportedAndTheRestIsIndexedWhileSearchesAreAnswered()
      throws Exception {
    Path site = dir.resolve("site");
    String canaryUrl = "http://127.0.0.1:" + canary.getAddress().getPort() + "/xxe";
    Fixtures.write(
        site.resolve("drivers/good.html"),
        Fixtures.driver(
            "Good driver",
            "NHS England",
            "All",
            "2020",
            "../documents/good.pdf",
            "A well-formed page among hostile files."));
    Fixtures.write(
        site.resolve("documents/good.pdf"), Fixtures.pdf(List.of("Intact", "Kingfisher protocol")));
    Fixtures.write(site.resolve("hostile/zip-bomb.docx"), zipBombDocx());
    Fixtures.write(site.resolve("hostile/billion-laughs.xml"), billionLaughs());
    Fixtures.write(
        site.resolve("hostile/xxe.xml"),
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + canaryUrl + "\">]><r>&x;</r>");
    Fixtures.write(site.resolve("hostile/xfa-xxe.pdf"), xfaPdf(canaryUrl));
    Fixtures.write(site.resolve("hostile/nested.zip"), nestedZip(12));
    byte[] pdf = Fixtures.pdf(List.of("one", "two", "three"));
    Fixtures.write(
        site.resolve("hostile/truncated.pdf"), java.util.Arrays.copyOf(pdf, pdf.length / 2));
    Fixtures.write(
        site.resolve("hostile/corrupt.pdf"),
        "%PDF-1.7\n%%garbage without objects".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Fixtures.write(site.resolve("hostile/encrypted.pdf"), encryptedPdf());
    Fixtures.write(site.resolve("hostile/empty.pdf"), new byte[0]);
    Fixtures.write(
        site.resolve("hostile/lying-extension.docx"),
        Fixtures.pdf(List.of("Heron estuary survey")));
    Files.write(
        site.resolve("hostile/legacy.html"),
        ("<html><head><meta charset=\"windows-1252\"><title>Legacy</title></head><body><article"
                + " class=\"post category-news\"><h1 class=\"entry-title\">Budget of \u00a3300 for"
                + " \u201cbooks\u201d</h1><div class=\"entry-content\"><p>Spent on the"
                + " caf\u00e9 collection.</p></div></article></body></html>")
            .getBytes(Charset.forName("windows-1252")));
    Fixtures.write(site.resolve("hostile/huge-text.pdf"), bigPdf(20, "Cormorant census results "));
    Fixtures.write(site.resolve("hostile/slow.pdf"), slowPdf(16_000_000));

    Path index = dir.resolve("index");
    HttpClient http = HttpClient.newHttpClient();
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    IngestReport report;
    try (IndexStore store = IndexStore.open(index);
        AutoCloseable refresh = store.autoRefresh(Duration.ofMillis(200));
        ApiServer server =
            new ApiServer(
                List.of(
                    new SearchController(
                        new SearchService(store, Analysis.queryAnalyzer(List.of())),
                        org.maptoolkit.search.web.RequestOrigin.direct())))) {
      int port = server.start("127.0.0.1", 0);
      AtomicBoolean running = new AtomicBoolean(true);
      Thread load =
          Thread.ofPlatform()
              .start(
                  () -> {
                    URI uri = URI.create("http://127.0.0.1:" + port + "/api/search?q=kingfisher");
                    while (running.get()) {
                      try {
                        statuses.add(
                            http.send(
                                    HttpRequest.newBuilder(uri).build(),
                                    HttpResponse.BodyHandlers.discarding())
                                .statusCode());
                        Thread.sleep(20);
                      } catch (Exception e) {
                        statuses.add(-1);
                      }
                    }
                  });
      // Small limits so that the hostile cases trip them quickly: 2 s a document, 50,000 chars.
      ExtractionLimits limits = new ExtractionLimits(Duration.ofSeconds(2), 50_000, 50L << 20);
      try (ForkedExtractor extractor = new ForkedExtractor(limits, 2, 256)) {
        report =
            new Ingester(store, extractor, Vocabulary.bundled(), null, 2)
                .ingest(Source.open(site), true, Ingester.Progress.NONE);
      } finally {
        running.set(false);
        load.join();
      }
    }

    Map<String, String> outcomes = new TreeMap<>();
    for (IngestReport.Entry e : report.entries()) {
      outcomes.put(
          e.id(),
          e.outcome().name().toLowerCase(java.util.Locale.ROOT)
              + (e.extraction() == null ? "" : "/" + e.extraction())
              + (e.reason() == null ? "" : ": " + e.reason())
              + (e.warnings().isEmpty() ? "" : " " + e.warnings()));
    }
    outcomes.forEach((id, outcome) -> System.out.printf("%-28s %s%n", id, outcome));
    System.out.printf("%d searches answered during the ingest%n", statuses.size());

    assertThat(report.total()).isEqualTo(14);
    assertThat(outcomes.get("drivers:good")).startsWith("indexed/full");
    assertThat(outcomes.get("hostile:encrypted.pdf")).contains("encrypted");
    assertThat(outcomes.get("hostile:empty.pdf")).contains("empty file");
    assertThat(outcomes.get("hostile:slow.pdf")).contains("took longer than 2 s");
    assertThat(outcomes.get("hostile:huge-text.pdf"))
        .startsWith("indexed/partial")
        .contains("50000 characters");
    assertThat(outcomes.get("hostile:lying-extension.docx")).startsWith("indexed/full");
    assertThat(outcomes.get("hostile:legacy")).startsWith("indexed");
    assertThat(outcomes.get("hostile:truncated.pdf"))
        .matches("failed/failed: (cannot parse|extraction took longer).*");
    assertThat(outcomes.get("hostile:corrupt.pdf"))
        .matches("failed/failed: (cannot parse|extraction took longer).*");
    assertThat(outcomes.get("hostile:zip-bomb.docx")).startsWith("failed/failed: ");
    assertThat(outcomes.get("hostile:billion-laughs.xml")).doesNotContain("lollol");
    for (String id : outcomes.keySet()) {
      assertThat(outcomes.get(id)).as(id).matches("(indexed|failed).*");
    }
    assertThat(canaryHits).as("external entities fetched").hasValue(0);
    assertThat(statuses).isNotEmpty().allMatch(s -> s == 200);
    try (IndexStore store = IndexStore.open(index)) {
      SearchService search = new SearchService(store, Analysis.queryAnalyzer(List.of()));
      assertThat(search.search(org.maptoolkit.search.search.SearchRequest.of("kingfisher")).total())
          .isEqualTo(1);
      assertThat(
              search.search(org.maptoolkit.search.search.SearchRequest.of("heron estuary")).total())
          .isEqualTo(1);
      assertThat(search.document("hostile:legacy").orElseThrow().title())
          .isEqualTo("Budget of \u00a3300 for \u201cbooks\u201d");
    }
  }

  private static byte[] zipBombDocx() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(
          zip,
          "[Content_Types].xml",
          "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
              + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
      put(
          zip,
          "_rels/.rels",
          "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      OutputStream out = zip;
      out.write(
          "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] chunk = "a ".repeat(32_768).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int i = 0; i < 600; i++) { // ~39 MB of text, a few tens of KB compressed
        out.write(chunk);
      }
      out.write(
          "</w:t></w:r></w:p></w:body></w:document>"
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static String billionLaughs() {
    StringBuilder dtd =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      String prev = i == 1 ? "&lol;" : "&lol" + (i - 1) + ";";
      dtd.append(prev.repeat(10)).append("\">");
    }
    return dtd.append("]><lolz>&lol9;</lolz>").toString();
  }

  private static byte[] xfaPdf(String url) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      PDAcroForm form = new PDAcroForm(doc);
      doc.getDocumentCatalog().setAcroForm(form);
      COSStream xfa = doc.getDocument().createCOSStream();
      try (OutputStream out = xfa.createOutputStream()) {
        out.write(
            ("<?xml version=\"1.0\"?><!DOCTYPE xdp [<!ENTITY x SYSTEM \""
                    + url
                    + "\">]>"
                    + "<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"><template><field name=\"f\">&x;</field></template></xdp:xdp>")
                .getBytes(StandardCharsets.UTF_8));
      }
      form.getCOSObject().setItem(COSName.XFA, xfa);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    }
  }

  private static byte[] nestedZip(int depth) throws IOException {
    byte[] inner = "deep inside".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String name = "core.txt";
    for (int i = 0; i < depth; i++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(inner);
        zip.closeEntry();
      }
      inner = bytes.toByteArray();
      name = "level" + i + ".zip";
    }
    return inner;
  }

  private static byte[] encryptedPdf() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      doc.protect(new StandardProtectionPolicy("owner", "reader", new AccessPermission()));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    }
  }

  private static byte[] bigPdf(int pages, String phrase) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      List<String> lines = new ArrayList<>();
      for (int l = 0; l < 40; l++) {
        lines.add((phrase + l + " ").repeat(4));
      }
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 9);
          cs.setLeading(11);
          cs.newLineAtOffset(40, 750);
          for (String line : lines) {
            cs.showText(line);
            cs.newLine();
          }
          cs.endText();
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    }
  }

  /**
   * A PDF whose one page holds millions of graphics operators: tiny when compressed, no text, but
   * slow to interpret, standing in for a parser that hangs.
   */
  private static byte[] slowPdf(int operators) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      COSStream content = doc.getDocument().createCOSStream();
      byte[] chunk = "q 1 0 0 1 0 0 cm Q\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
      try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
        for (int i = 0; i < operators / 10_000; i++) {
          out.write(chunk);
        }
      }
      page.getCOSObject().setItem(COSName.CONTENTS, content);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    }
  }

  private static void put(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
