package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.web.ApiServer;

/**
 * The foundation end to end: the project's own samples ingested by the real CLI into a temporary
 * index, served by the real server (wired as {@code serve} wires it) on a loopback port.
 */
class SamplesApiTest {
  @RegisterExtension static final SamplesIndex SAMPLES = new SamplesIndex();
  static IndexStore store;
  static ApiServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

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

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static List<String> facet(JsonNode body, String name) {
    List<String> out = new ArrayList<>();
    body.get("facets")
        .get(name)
        .forEach(v -> out.add(v.get("value").asText() + "=" + v.get("count").asInt()));
    return out;
  }

  static List<String> ids(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.get("hits").forEach(h -> out.add(h.get("id").asText()));
    return out;
  }

  @Test
  void everythingIsCountedInEveryFacet() throws Exception {
    JsonNode all = json("/api/search?size=100");

    // The two password-protected meetings are the only sample pages left out.
    assertThat(all.get("total").asInt()).isEqualTo(81);
    assertThat(facet(all, "type")).containsExactly("driver=60", "story=15", "news=5", "meeting=1");
    // Long and short forms of a publisher ("HEE", "Health Education England (HEE)") are one value.
    assertThat(facet(all, "source"))
        .containsExactly(
            "NHS England=22",
            "Department of Health and Social Care=12",
            "Health Education England=5",
            "Care Quality Commission=3",
            "National Institute for Health and Care Excellence=2",
            "Nuffield Trust=2",
            "Public Health England=2",
            "The Health Foundation=2",
            "General Medical Council=1",
            "Independent Cancer Taskforce=1",
            "NHS Improvement=1",
            "National Data Guardian=1",
            "National Improvement and Leadership Development Board=1",
            "National Information Board=1",
            "National Quality Board=1",
            "Nursing and Midwifery Council=1",
            "The King's Fund=1",
            "UK Health Security Agency=1");
    assertThat(facet(all, "audience"))
        .containsExactly(
            // A longer phrase claims its words first: "integrated care boards" are commissioners,
            // not boards of executives, and "public health teams" are not the public.
            "Executives and senior managers=22",
            "All staff=18",
            "Clinicians=17",
            "Commissioners=17",
            "Patients and public=11",
            "Digital and data teams=5",
            "Public health and local government=5",
            "Library and knowledge staff=4",
            "Educators and learners=3",
            "Managers and service leads=1",
            "Researchers=1");
    // Years newest first, as people scan them.
    assertThat(facet(all, "year"))
        .containsExactly(
            "2026=2", "2025=4", "2024=3", "2023=9", "2022=8", "2021=5", "2020=4", "2019=7",
            "2018=8", "2017=9", "2016=13", "2015=5", "2014=4");
  }

  @Test
  void valuesOfOneFacetAreOredFacetsAreAndedAndAFacetIgnoresItsOwnSelection() throws Exception {
    JsonNode one = json("/api/search?size=100&source=Health+Education+England");
    JsonNode two =
        json(
            "/api/search?size=100&source=Health+Education+England&source=National+Improvement+and+Leadership+Development+Board");
    JsonNode narrowed =
        json("/api/search?size=100&source=Health+Education+England&source=NHS+England&year=2019");

    assertThat(ids(one))
        .containsExactlyInAnyOrder(
            "drivers:kfh-2021",
            "drivers:knowledge-for-healthcare-2014",
            "drivers:lks-policy-2017",
            "drivers:topol-review",
            "drivers:workforce-strategy-draft");
    assertThat(two.get("total").asInt()).isEqualTo(6);
    assertThat(facet(two, "source")).isEqualTo(facet(json("/api/search?size=100"), "source"));
    assertThat(facet(two, "type")).containsExactly("driver=6");
    assertThat(ids(narrowed))
        .containsExactlyInAnyOrder(
            "drivers:topol-review",
            "drivers:long-term-plan",
            "drivers:mental-health-implementation-plan",
            "drivers:patient-safety-strategy",
            "drivers:universal-personalised-care");
    // The year facet ignores its own selection: it counts every year of the two publishers.
    assertThat(facet(narrowed, "year"))
        .containsExactly(
            "2025=1", "2023=4", "2022=3", "2021=2", "2020=2", "2019=5", "2017=3", "2016=5",
            "2014=2");
  }

  @Test
  void wordsOnlyInALinkedPdfFindTheDriverWithTheSnippetAndPageFromThePdf() throws Exception {
    JsonNode body =
        json(
            "/api/search?q="
                + URLEncoder.encode("\"tidal workforce modelling\"", StandardCharsets.UTF_8));

    assertThat(ids(body)).containsExactly("drivers:ltwp");
    JsonNode hit = body.get("hits").get(0);
    assertThat(hit.get("title").asText()).isEqualTo("NHS Long Term Workforce Plan");
    assertThat(hit.get("source").asText()).isEqualTo("NHS England");
    assertThat(hit.get("published").asText()).isEqualTo("2023-06-30");
    assertThat(hit.get("snippet").get("field").asText()).isEqualTo("doc");
    assertThat(hit.get("snippet").get("page").asInt()).isEqualTo(3);
    assertThat(hit.get("snippet").get("html").asText())
        .contains("rest on <mark>tidal workforce modelling</mark>, which");
    assertThat(hit.get("snippet").get("link").asText())
        .isEqualTo("/api/documents/drivers:ltwp/file#page=3");
    assertThat(hit.get("mainDocument").get("extraction").asText()).isEqualTo("full");
    HttpResponse<String> pdf = get("/api/documents/drivers:ltwp/file");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(pdf.body()).startsWith("%PDF-");
  }

  @Test
  void theProtectedMeetingsAppearNowhere() throws Exception {
    for (String q :
        List.of(
            "PLOVERTON",
            "QUILLSBY",
            "access code",
            "481 226 907",
            "confidential staffing",
            "protected")) {
      JsonNode body =
          json("/api/search?size=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
      // Everything but the echo of the query itself.
      String results = body.get("hits").toString() + body.get("facets") + body.get("total");
      assertThat(results)
          .as(q)
          .doesNotContain("PLOVERTON", "QUILLSBY", "meeting-22nd", "meeting-17th", "Protected");
    }
    JsonNode all = json("/api/search?size=100");
    assertThat(ids(all))
        .contains("meetings:meeting-8th-february-2017")
        .doesNotContain("meetings:meeting-22nd-march-2017", "meetings:meeting-17th-may-2017");
    assertThat(get("/api/documents/meetings:meeting-22nd-march-2017").statusCode()).isEqualTo(404);
  }

  @Test
  void aDriversFieldsAreReadFromItsLabelledParts() throws Exception {
    JsonNode doc = json("/api/documents/drivers:lks-policy-2017");

    assertThat(doc.get("type").asText()).isEqualTo("driver");
    assertThat(doc.get("title").asText())
        .isEqualTo("NHS Library and Knowledge Services in England policy");
    assertThat(doc.get("source").asText()).isEqualTo("Health Education England");
    assertThat(doc.get("sourceText").asText()).isEqualTo("HEE");
    assertThat(doc.get("audienceText").asText())
        .isEqualTo("All NHS England organisations, particularly Executives and senior managers");
    assertThat(doc.get("audiences").toString())
        .isEqualTo("[\"All staff\",\"Executives and senior managers\"]");
    assertThat(doc.get("published").toString())
        .isEqualTo("{\"start\":\"2017-01-01\",\"precision\":\"month\",\"text\":\"January 2017\"}");
    assertThat(doc.get("reviewDue").toString())
        .isEqualTo("{\"start\":\"2018-01-11\",\"precision\":\"day\",\"text\":\"11.1.18\"}");
    assertThat(doc.get("format").asText()).isEqualTo("Word document");
    assertThat(doc.get("groupMember").asText()).isEqualTo("VT");
    assertThat(doc.get("impact")).hasSize(3);
    assertThat(doc.get("keyFeatures")).hasSize(3);
    assertThat(doc.get("mainDocument").get("extraction").get("status").asText()).isEqualTo("full");
    assertThat(doc.get("mainDocument").get("extraction").get("contentType").asText())
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    JsonNode story = json("/api/documents/stories:evidence-summaries-for-the-stp");
    assertThat(story.get("type").asText()).isEqualTo("story");
    assertThat(story.get("related").toString())
        .isEqualTo("[\"drivers:stps\",\"drivers:five-year-forward-view\"]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "size=1000|invalid_size|size must be between 1 and 100, got 1000",
        "page=0|invalid_page|page must be 1 or more, got 0",
        "page=two|invalid_page|page must be a whole number, got 'two'",
        "page=101&size=100|page_out_of_range|page * size must be at most 10000; use nextCursor to go deeper",
        "sort=popular|invalid_sort|sort must be one of relevance, newest, oldest, review, title; got 'popular'",
        "type=memo|invalid_filter|type must be one of driver, story, news, meeting, document; got 'memo'",
        "year=17|invalid_filter|year must be a four-digit year, got '17'",
      })
  void badParametersGetA400WithTheirCode(String query, String code, String message)
      throws Exception {
    HttpResponse<String> response = get("/api/search?q=plan&" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(
            JSON.readTree(
                JSON.writeValueAsString(
                    java.util.Map.of(
                        "message", message, "code", code, "type", "invalid_request"))));
  }

  @Test
  void unknownParametersDocumentsAndRoutesAreClearErrors() throws Exception {
    HttpResponse<String> unknown = get("/api/search?q=plan&colour=blue");
    HttpResponse<String> missing = get("/api/documents/drivers:no-such-driver");
    HttpResponse<String> route = get("/no/such/route");

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("code").asText()).isEqualTo("unknown_parameter");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo(
            "{\"message\":\"no document with id 'drivers:no-such-driver'\",\"code\":\"document_not_found\",\"type\":\"not_found\"}");
    assertThat(route.statusCode()).isEqualTo(404);
    assertThat(route.body())
        .isEqualTo(
            "{\"message\":\"no such route: GET /no/such/route\",\"code\":\"route_not_found\",\"type\":\"not_found\"}");
  }

  @Test
  void theSearchPageWorksWithoutJavaScript() throws Exception {
    HttpResponse<String> page = get("/?q=workforce&source=NHS+England");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(page.body());
    // One form holds the box and every filter, so a plain submission keeps them all.
    assertThat(html.select("#q").attr("value")).isEqualTo("workforce");
    assertThat(html.selectFirst("#q").closest("form#search")).isNotNull();
    assertThat(html.select("#count").text()).isEqualTo("9 results for workforce");
    org.jsoup.nodes.Element box = html.selectFirst("input[name=source][value=NHS England]");
    assertThat(box.hasAttr("checked")).isTrue();
    assertThat(box.attr("form")).isEqualTo("search");
    assertThat(html.select("label[for=" + box.id() + "]").text()).isEqualTo("NHS England (9)");
    assertThat(html.select(".hit h3 a").eachAttr("href"))
        .contains("/documents/drivers:ltwp?back=q%3Dworkforce%26source%3DNHS%2BEngland");
    assertThat(page.body()).doesNotContain("PLOVERTON");
    // Seven publishers: six shown, the seventh behind a closed disclosure.
    org.jsoup.nodes.Element sources = html.selectFirst("fieldset:has(input[name=source])");
    assertThat(sources.select("details summary").text()).isEqualTo("1 more");
    assertThat(sources.select("details").hasAttr("open")).isFalse();
    // A selected value among the hidden ones keeps the list open.
    org.jsoup.nodes.Document hidden =
        org.jsoup.Jsoup.parse(get("/?source=UK+Health+Security+Agency").body());
    assertThat(hidden.selectFirst("fieldset:has(input[name=source]) details").hasAttr("open"))
        .isTrue();

    HttpResponse<String> doc = get("/documents/drivers:ltwp");
    assertThat(doc.statusCode()).isEqualTo(200);
    org.jsoup.nodes.Document record = org.jsoup.Jsoup.parse(doc.body());
    assertThat(record.select("article h1").text()).isEqualTo("NHS Long Term Workforce Plan");
    // samples/drivers/ltwp.html says "30 June 2023".
    assertThat(record.select("dt:contains(Published) + dd").text()).isEqualTo("30 June 2023");
    assertThat(record.select("dt:contains(Published) + dd time").attr("datetime"))
        .isEqualTo("2023-06-30");
    assertThat(record.select("a[href=/api/documents/drivers:ltwp/file]")).hasSize(1);
  }

  @Test
  void everyLinkedDocumentIsReadOrSaysWhyNot() throws Exception {
    Map<String, Integer> statuses = new TreeMap<>();
    json("/api/search?type=driver&size=100")
        .get("hits")
        .forEach(
            h ->
                statuses.merge(
                    h.path("mainDocument").path("extraction").asText("web page or none"),
                    1,
                    Integer::sum));
    assertThat(statuses)
        .isEqualTo(Map.of("full", 22, "no-text", 1, "failed", 2, "web page or none", 35));
    assertThat(extraction("drivers:better-births"))
        .isEqualTo(
            "no-text: no text layer (a scanned PDF): OCR was turned off (--no-ocr); ingest without it"
                + " and with --retry-failed to read scans");
    assertThat(extraction("drivers:fuller-stocktake"))
        .isEqualTo("failed: encrypted: a password is needed to read it");
    assertThat(extraction("drivers:psirf")).startsWith("failed: cannot parse");
    // A hit in a slide deck points at the deck: only PDFs have pages to open at.
    JsonNode slides = json("/api/search?q=%22care+transfer+hubs%22").get("hits").get(0);
    assertThat(slides.get("id").asText()).isEqualTo("drivers:uec-recovery-plan");
    assertThat(slides.get("snippet").get("field").asText()).isEqualTo("doc");
    assertThat(slides.get("snippet").has("page")).isFalse();
    assertThat(slides.get("mainDocument").get("url").asText())
        .isEqualTo("/api/documents/drivers:uec-recovery-plan/file");
  }

  private static String extraction(String id) throws Exception {
    JsonNode e = json("/api/documents/" + id).get("mainDocument").get("extraction");
    return e.get("status").asText() + ": " + e.get("reason").asText();
  }

  @Test
  void healthAndReadiness() throws Exception {
    assertThat(json("/health").toString()).isEqualTo("{\"status\":\"ok\"}");
    JsonNode ready = json("/ready");
    assertThat(ready.get("status").asText()).isEqualTo("ready");
    assertThat(ready.get("documents").asInt()).isEqualTo(81);
  }
}
