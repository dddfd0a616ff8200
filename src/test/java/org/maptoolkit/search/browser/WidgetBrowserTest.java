package org.maptoolkit.search.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maptoolkit.search.browser.Chromium.js;
import static org.maptoolkit.search.browser.Chromium.waiting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.cli.TestServers;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.web.ApiServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The embeddable box as a web team uses it, on pages served from two other origins (one on the
 * allowlist, one not), and the /embed builder. Counts are checked against the API's own answer to
 * the same search with the values spelt as the index holds them.
 */
class WidgetBrowserTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static IndexStore store;
  static ApiServer server;
  static HttpServer allowedSite;
  static HttpServer otherSite;
  static String base;
  static String allowed;
  static String other;
  static WebDriver driver;

  /** A page of another site with one box; warnings the box writes to the console are kept. */
  static String page(String box) {
    return """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Trust intranet</title>
        <script>window.warnings = []; const warn = console.warn;
          console.warn = (...a) => { window.warnings.push(a.join(' ')); warn(...a); };</script>
        <script src="%s/widget.js" defer></script></head>
        <body><main><h1>Our library</h1>
        %s
        </main></body></html>
        """
        .formatted(base, box);
  }

  static HttpServer site(java.util.function.Function<String, String> pages) throws Exception {
    HttpServer site =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    site.createContext(
        "/",
        exchange -> {
          byte[] body =
              pages.apply(exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    site.start();
    return site;
  }

  static final String FORM =
      "<form action=\"%s/\" method=\"get\"><input name=\"q\" aria-label=\"Search\"><button>Search</button></form>";

  @BeforeAll
  static void start() throws Exception {
    Chromium.require();
    Path index = Cli.ingestSamples(dir.resolve("index"));
    store = IndexStore.open(index);
    allowedSite =
        site(
            path ->
                switch (path) {
                  case "/presets" ->
                      page(
                          "<map-search results=\"3\" audience=\"library and knowledge staff\">"
                              + FORM.formatted(base)
                              + "</map-search>");
                  case "/unknown" ->
                      page(
                          "<map-search audience=\"Librarians of Mars\">"
                              + FORM.formatted(base)
                              + "</map-search>");
                  case "/words" ->
                      page(
                          "<map-search mode=\"keyword\">" + FORM.formatted(base) + "</map-search>");
                  case "/meaning" ->
                      page(
                          "<map-search mode=\"semantic\">"
                              + FORM.formatted(base)
                              + "</map-search>");
                  case "/stories" ->
                      page("<map-search type=\"story\">" + FORM.formatted(base) + "</map-search>");
                  default ->
                      page(
                          "<map-search results=\"3\" placeholder=\"Search the toolkit\">"
                              + FORM.formatted(base)
                              + "</map-search>");
                });
    allowed = "http://127.0.0.1:" + allowedSite.getAddress().getPort();
    server = TestServers.server(store, Project.samples(), List.of(allowed));
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    otherSite = site(path -> page("<map-search>" + FORM.formatted(base) + "</map-search>"));
    other = "http://127.0.0.1:" + otherSite.getAddress().getPort();
    driver = Chromium.start(true);
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
      store.close();
      allowedSite.stop(0);
      otherSite.stop(0);
    }
  }

  static JsonNode api(String pathAndQuery) throws Exception {
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  static SearchContext box(String url) {
    driver.get(url);
    WebElement host = waiting(driver).until(d -> d.findElement(By.cssSelector("map-search")));
    return waiting(driver).until(d -> host.getShadowRoot());
  }

  static void search(SearchContext box, String words) {
    box.findElement(By.cssSelector("input")).sendKeys(words, Keys.ENTER);
    waiting(driver)
        .until(d -> box.findElement(By.cssSelector(".count")).getText().matches("\\d+ results?.*"));
  }

  @Test
  void theBoxLeadsToAllItsResultsOnTheFullPage() throws Exception {
    SearchContext box = box(allowed + "/");
    search(box, "workforce");
    long total = api("/api/search?q=workforce&size=1").get("total").asLong();
    assertThat(box.findElements(By.cssSelector(".results li"))).hasSize(3);
    WebElement all = box.findElement(By.cssSelector("a.all"));
    assertThat(all.getText()).isEqualTo("See all " + total + " on MAP Search");
    // Selenium cannot click inside a shadow root here; the browser can.
    js(driver, "arguments[0].click()", all);
    waiting(driver).until(d -> d.getCurrentUrl().startsWith(base + "/?"));
    assertThat(driver.findElement(By.id("count")).getText())
        .isEqualTo(total + " results for workforce");
    Chromium.screenshots(driver, "widget-see-all");
  }

  @Test
  void theModeAttributeGoesWithEverySearch() throws Exception {
    SearchContext words = box(allowed + "/words");
    search(words, "workforce");
    long total = api("/api/search?q=workforce&size=1&mode=keyword").get("total").asLong();
    assertThat(words.findElement(By.cssSelector(".count")).getText()).isEqualTo(total + " results");
    assertThat(words.findElement(By.cssSelector("a.all")).getAttribute("href"))
        .contains("mode=keyword");
    // This server has no embedding model: a box asking for meaning says search is not available
    // and links to the full page, which answers by the words and says why.
    SearchContext meaning = box(allowed + "/meaning");
    meaning.findElement(By.cssSelector("input")).sendKeys("workforce", Keys.ENTER);
    waiting(driver)
        .until(
            d ->
                meaning
                    .findElement(By.cssSelector(".count"))
                    .getText()
                    .equals("Search is not available right now."));
    WebElement all = meaning.findElement(By.cssSelector("a.all"));
    assertThat(all.getAttribute("href")).contains("mode=semantic");
    js(driver, "arguments[0].click()", all);
    waiting(driver).until(d -> d.getCurrentUrl().startsWith(base + "/?"));
    assertThat(driver.findElement(By.cssSelector(".notices")).getText())
        .contains("Search by meaning")
        .contains("These results match your words.");
    assertThat(driver.findElement(By.id("count")).getText())
        .isEqualTo(total + " results for workforce");
  }

  @Test
  void presetsMatchWhateverTheirCaseAndAnUnknownOneIsNamed() throws Exception {
    SearchContext box = box(allowed + "/presets");
    search(box, "evidence");
    long expected =
        api("/api/search?size=1&q=evidence&audience="
                + URLEncoder.encode("Library and knowledge staff", StandardCharsets.UTF_8))
            .get("total")
            .asLong();
    assertThat(expected).isPositive();
    assertThat(box.findElement(By.cssSelector(".count")).getText())
        .isEqualTo(expected + (expected == 1 ? " result" : " results"));
    // "See all" carries the preset as MAP Search spells it.
    assertThat(box.findElement(By.cssSelector("a.all")).getAttribute("href"))
        .contains("audience=Library+and+knowledge+staff");
    Chromium.screenshots(driver, "widget");

    SearchContext unknown = box(allowed + "/unknown");
    search(unknown, "evidence");
    @SuppressWarnings("unchecked")
    List<String> warnings = (List<String>) js(driver, "return window.warnings");
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("Librarians of Mars"));
  }

  @Test
  void suggestionsComeFromTheRecordsThePresetsAllow() throws Exception {
    SearchContext box = box(allowed + "/stories");
    box.findElement(By.cssSelector("input")).sendKeys("ev");
    waiting(driver).until(d -> !box.findElements(By.cssSelector(".suggest li")).isEmpty());
    List<String> shown = new ArrayList<>();
    box.findElements(By.cssSelector(".suggest li")).forEach(li -> shown.add(li.getText()));
    // Every title offered is a story's; without the preset, a driver's title is offered too.
    JsonNode filtered = api("/api/suggest?q=ev&limit=6&type=story");
    List<String> expected = new ArrayList<>();
    filtered.get("suggestions").forEach(s -> expected.add(s.get("text").asText()));
    assertThat(shown).isEqualTo(expected);
    filtered
        .get("suggestions")
        .forEach(
            s -> {
              if (s.has("id")) {
                assertThat(s.get("id").asText()).startsWith("stories:");
              }
            });
    List<String> unfiltered = new ArrayList<>();
    api("/api/suggest?q=ev&limit=6")
        .get("suggestions")
        .forEach(s -> unfiltered.add(s.has("id") ? s.get("id").asText() : ""));
    assertThat(unfiltered).anySatisfy(id -> assertThat(id).startsWith("drivers:"));
  }

  @Test
  void aSiteNotOnTheAllowlistIsToldSoAndStillGetsALink() {
    SearchContext box = box(other + "/");
    box.findElement(By.cssSelector("input")).sendKeys("workforce", Keys.ENTER);
    waiting(driver)
        .until(
            d ->
                box.findElement(By.cssSelector(".count"))
                    .getText()
                    .equals("This site is not allowed to show MAP Search results here."));
    WebElement link = box.findElement(By.cssSelector("a.all"));
    assertThat(link.getAttribute("href")).isEqualTo(base + "/?q=workforce");
  }

  @Test
  void theBuilderOffersRealValuesCopiesAndKeepsThePreview() throws Exception {
    for (int width : new int[] {1280, 360}) {
      driver.manage().window().setSize(new Dimension(width, 900));
      driver.get(base + "/embed");
      assertThat((Boolean) js(driver, "return document.documentElement.scrollWidth <= innerWidth"))
          .as("no sideways scrolling at " + width + " px")
          .isTrue();
    }
    driver.manage().window().setSize(new Dimension(1280, 900));
    Select audience = new Select(driver.findElement(By.id("b-audience")));
    List<String> options = audience.getOptions().stream().map(WebElement::getText).toList();
    List<String> facetValues = new ArrayList<>();
    api("/api/search?size=1")
        .get("facets")
        .get("audience")
        .forEach(v -> facetValues.add(v.get("value").asText()));
    assertThat(options.subList(1, options.size())).containsExactlyInAnyOrderElementsOf(facetValues);

    // Type into the preview and search, then change an option: the words and results stay.
    WebElement preview = driver.findElement(By.cssSelector("#preview map-search"));
    SearchContext box = waiting(driver).until(d -> preview.getShadowRoot());
    search(box, "workforce");
    audience.selectByVisibleText("Library and knowledge staff");
    waiting(driver)
        .until(
            d -> {
              SearchContext fresh =
                  d.findElement(By.cssSelector("#preview map-search")).getShadowRoot();
              return fresh
                      .findElement(By.cssSelector("input"))
                      .getAttribute("value")
                      .equals("workforce")
                  && fresh.findElement(By.cssSelector(".count")).getText().matches("\\d+ results?");
            });
    String snippet = driver.findElement(By.id("snippet")).getText();
    assertThat(snippet)
        .contains("<script src=\"" + base + "/widget.js\" defer></script>")
        .contains("audience=\"Library and knowledge staff\"");
    ((org.openqa.selenium.chromium.HasCdp) driver)
        .executeCdpCommand(
            "Browser.grantPermissions",
            java.util.Map.of(
                "origin",
                base,
                "permissions",
                List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    driver.findElement(By.id("copy")).click();
    waiting(driver).until(d -> !d.findElement(By.id("copied")).getText().isEmpty());
    String copied = driver.findElement(By.id("copied")).getText();
    if (copied.equals("Copied.")) {
      assertThat(js(driver, "return navigator.clipboard.readText()")).isEqualTo(snippet);
    } else {
      // Headless Chromium may refuse the clipboard: the snippet is then selected for Ctrl+C.
      assertThat(js(driver, "return window.getSelection().toString()")).isEqualTo(snippet);
    }
    Chromium.screenshots(driver, "embed");
  }

  @Test
  void noAccessibilityViolationsWithTheBox() throws Exception {
    SearchContext box = box(allowed + "/");
    search(box, "workforce");
    assertThat(Chromium.axe(driver, "critical", "serious", "moderate")).isEmpty();
    driver.get(base + "/embed");
    assertThat(Chromium.axe(driver, "critical", "serious", "moderate")).isEmpty();
  }
}
