package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.web.ApiServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Feeds, reference exports, reports, POST search, caching and OpenSearch over real HTTP. */
class FormatsApiTest {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  @RegisterExtension static final SamplesIndex SAMPLES = new SamplesIndex();
  static IndexStore store;
  static ApiServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    store = SAMPLES.store();
    server = Services.server(store, Project.samples(), 1_000_000);
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Document xml(String body) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e
          && ATOM.equals(e.getNamespaceURI())
          && e.getLocalName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  @Test
  void atomFeedIsValidAtomNewestFirst() throws Exception {
    HttpResponse<String> r = get("/api/search?q=plan&format=atom&size=5");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("application/atom+xml; charset=utf-8");
    Element feed = xml(r.body()).getDocumentElement();
    assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(feed.getLocalName()).isEqualTo("feed");
    // RFC 4287 4.1.1: a feed has exactly one id, title and updated, and a self link here.
    for (String required : List.of("id", "title", "updated")) {
      assertThat(children(feed, required)).as(required).hasSize(1);
    }
    assertThat(children(feed, "link"))
        .anySatisfy(l -> assertThat(l.getAttribute("rel")).isEqualTo("self"));
    List<Element> entries = children(feed, "entry");
    assertThat(entries).hasSize(5);
    List<String> published = new ArrayList<>();
    for (Element entry : entries) {
      for (String required : List.of("id", "title", "updated")) {
        assertThat(children(entry, required)).as("entry " + required).hasSize(1);
      }
      assertThat(children(entry, "updated").getFirst().getTextContent())
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
      assertThat(children(entry, "link")).isNotEmpty();
      published.add(children(entry, "published").getFirst().getTextContent());
    }
    assertThat(published).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void risBibtexAndCsvExportsOfASearchAndOfASelection() throws Exception {
    HttpResponse<String> ris = get("/api/export?ids=drivers:ltwp&format=ris");
    assertThat(ris.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"selection.ris\"");
    assertThat(ris.body())
        .startsWith(
            "TY  - RPRT\r\nTI  - NHS Long Term Workforce Plan\r\nAU  - NHS England,\r\nPB  - NHS England\r\nPY  - 2023\r\nDA  - 2023/06/30/\r\nUR  - http://127.0.0.1:")
        .contains("/api/documents/drivers:ltwp/file\r\n")
        .endsWith("KW  - driver\r\nID  - drivers:ltwp\r\nER  - \r\n\r\n");

    HttpResponse<String> bib =
        get(
            "/api/export?ids=drivers:lks-policy-2017&ids=stories:digital-literacy-for-trainees&format=bibtex");
    assertThat(bib.body())
        .startsWith(
            "@techreport{drivers_lks_policy_2017,\n  title = {{NHS Library and Knowledge Services in England policy}},\n  author = {{Health Education England}},\n  institution = {Health Education England},\n  year = {2017},\n  month = {jan},")
        .contains("@misc{stories_digital_literacy_for_trainees,");

    HttpResponse<String> csv = get("/api/search?q=workforce&source=NHS+England&format=csv");
    // Excel reads UTF-8 only after a byte-order mark; bom=false leaves it out.
    assertThat(csv.body()).startsWith("\uFEFFid,type,");
    String[] lines =
        get("/api/search?q=workforce&source=NHS+England&format=csv&bom=false").body().split("\r\n");
    assertThat(lines[0])
        .isEqualTo("id,type,title,source,audience,published,url,main_document,year,language");
    // The whole search, not a page of it: as many rows as the search has records.
    int total =
        new ObjectMapper()
            .readTree(get("/api/search?q=workforce&source=NHS+England&size=1").body())
            .get("total")
            .asInt();
    assertThat(lines).hasSize(total + 1);
    // More records than a page holds (28 for "workforce"): every one is in the export.
    int all =
        new ObjectMapper().readTree(get("/api/search?q=workforce").body()).get("total").asInt();
    assertThat(all).isGreaterThan(10);
    assertThat(get("/api/search?q=workforce&format=ris").body().split("ER  - ", -1))
        .hasSize(all + 1);
    assertThat(lines[1])
        .isEqualTo(
            "drivers:ltwp,driver,NHS Long Term Workforce Plan,NHS England,All staff,2023-06-30,"
                + base
                + "/documents/drivers:ltwp,"
                + base
                + "/api/documents/drivers:ltwp/file,2023,en");
    // Several audiences share one cell, joined with "; ".
    String quoted =
        get("/api/export?ids=drivers:developing-people-improving-care&format=csv").body();
    assertThat(quoted).contains(",Executives and senior managers,");

    assertThat(get("/api/export?ids=drivers:nope&format=ris").statusCode()).isEqualTo(404);
    assertThat(get("/api/search?q=x&format=pdf").body()).contains("\"code\":\"invalid_format\"");
  }

  @Test
  void searchReportRecordsHowTheSearchWasRun() throws Exception {
    JsonNode report =
        new ObjectMapper()
            .readTree(
                get("/api/search?q=workforce&type=driver&sort=newest&size=50&format=report")
                    .body());

    assertThat(report.get("query").asText()).isEqualTo("workforce");
    assertThat(report.get("filters").toString()).isEqualTo("{\"type\":[\"driver\"]}");
    assertThat(report.get("sort").asText()).isEqualTo("newest");
    assertThat(report.get("run_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(report.get("index_version").asLong()).isPositive();
    assertThat(report.get("total").asInt()).isEqualTo(report.get("results").size());
    assertThat(report.get("results").get(0).get("rank").asInt()).isEqualTo(1);
    assertThat(report.get("results").get(0).get("id").asText())
        .isEqualTo("drivers:ten-year-health-plan");
    String csv = get("/api/search?q=workforce&type=driver&format=report-csv&bom=false").body();
    assertThat(csv)
        .startsWith("field,value\r\nquery,workforce\r\n")
        .contains("\r\nrank,id,title\r\n1,");
  }

  @Test
  void postTakesTheSameNamesAsTheQueryString() throws Exception {
    HttpResponse<String> post =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"q\":\"plan\",\"source\":[\"NHS England\",\"Health Education England\"],\"size\":3,\"page\":1}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> get =
        get("/api/search?q=plan&source=NHS+England&source=Health+Education+England&size=3&page=1");
    ObjectMapper json = new ObjectMapper();

    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(json.readTree(post.body()).get("hits"))
        .isEqualTo(json.readTree(get.body()).get("hits"));
    HttpResponse<String> bad =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"code\":\"invalid_body\"");
    HttpResponse<String> unknown =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"colour\":\"blue\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.body()).contains("\"code\":\"unknown_parameter\"");
  }

  @Test
  void responsesCarryAnEtagAndA304WhenCurrent() throws Exception {
    HttpResponse<String> first = get("/api/search?q=plan");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = get("/api/search?q=plan", "If-None-Match", etag);
    HttpResponse<String> other = get("/api/search?q=care", "If-None-Match", etag);
    HttpResponse<String> doc = get("/api/documents/drivers:ltwp");
    HttpResponse<String> docAgain =
        get(
            "/api/documents/drivers:ltwp",
            "If-None-Match",
            doc.headers().firstValue("ETag").orElseThrow());

    assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(docAgain.statusCode()).isEqualTo(304);
  }

  @Test
  void openSearchDescriptionLetsBrowsersAddTheEngine() throws Exception {
    HttpResponse<String> r = get("/opensearch.xml");
    Element root = xml(r.body()).getDocumentElement();

    assertThat(root.getLocalName()).isEqualTo("OpenSearchDescription");
    assertThat(root.getNamespaceURI()).isEqualTo("http://a9.com/-/spec/opensearch/1.1/");
    NodeList urls = root.getElementsByTagNameNS("http://a9.com/-/spec/opensearch/1.1/", "Url");
    List<String> types = new ArrayList<>();
    for (int i = 0; i < urls.getLength(); i++) {
      types.add(((Element) urls.item(i)).getAttribute("type"));
    }
    assertThat(types)
        .containsExactly("text/html", "application/atom+xml", "application/x-suggestions+json");
    String suggest =
        ((Element) urls.item(2))
            .getAttribute("template")
            .replace(base, "")
            .replace("{searchTerms}", "work");
    assertThat(get(suggest).headers().firstValue("Content-Type"))
        .hasValue("application/x-suggestions+json; charset=utf-8");
  }
}
