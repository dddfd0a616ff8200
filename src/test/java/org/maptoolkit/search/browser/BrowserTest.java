package org.maptoolkit.search.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.cli.Main;
import org.maptoolkit.search.cli.TestServers;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.web.ApiServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page and the embeddable search box in a real headless Chromium: search, two facets,
 * paging, a document, keyboard only, axe-core accessibility checks, and the widget on a page from a
 * second origin calling the API through the CORS allowlist. Screenshots go to target/screenshots.
 */
class BrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path dir;
  static IndexStore store;
  static ApiServer server;
  static HttpServer otherSite;
  static String base;
  static String other;
  static WebDriver driver;

  @BeforeAll
  static void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must run the browser tests: install chromium and chromium-driver");
    }
    Assumptions.assumeTrue(
        present,
        "Chromium is not installed (apt-get install chromium chromium-driver): browser tests skipped");
    Path index = dir.resolve("index");
    assertThat(
            Main.run(
                "ingest",
                "--no-semantic",
                Project.samples().toString(),
                "--index",
                index.toString(),
                "--no-fetch"))
        .isZero();
    store = IndexStore.open(index);
    otherSite =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    other = "http://127.0.0.1:" + otherSite.getAddress().getPort();
    server = TestServers.server(store, Project.samples(), List.of(other));
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    String page =
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Trust intranet</title>
        <script src="%s/widget.js" defer></script></head>
        <body><main><h1>Our library</h1>
        <map-search results="3" placeholder="Search the toolkit" style="--map-search-accent:#7c2855">
          <form action="%s/" method="get"><input name="q" aria-label="Search"><button>Search</button></form>
        </map-search></main></body></html>
        """
            .formatted(base, base);
    otherSite.createContext(
        "/",
        exchange -> {
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    otherSite.start();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
      store.close();
      otherSite.stop(0);
    }
  }

  static WebDriverWait waiting() {
    // Results are replaced in place as the user types, so an element can go stale mid-check.
    return (WebDriverWait)
        new WebDriverWait(driver, Duration.ofSeconds(10))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  static void screenshot(String name, int width, int height) throws Exception {
    driver.manage().window().setSize(new Dimension(width, height));
    Thread.sleep(300);
    Path out = Path.of("target", "screenshots", name + "-" + width + ".png");
    Files.createDirectories(out.getParent());
    Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> seriousViolations() throws Exception {
    String axe = Files.readString(Path.of("src/test/resources/axe.min.js"));
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(axe);
    Object result =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.filter("
                + "v => v.impact === 'serious' || v.impact === 'critical').map(v => ({id: v.id, impact: v.impact,"
                + " nodes: v.nodes.map(n => n.target.join(' '))}))));");
    return (List<Map<String, Object>>) result;
  }

  @Test
  void searchTwoFacetsPageAndOpenADocument() throws Exception {
    driver.get(base + "/");
    WebElement q = driver.findElement(By.id("q"));
    q.sendKeys("plan");
    waiting().until(d -> d.getCurrentUrl().contains("q=plan"));
    waiting().until(d -> d.findElement(By.cssSelector(".count")).getText().contains("for plan"));
    String count = driver.findElement(By.cssSelector(".count")).getText();
    assertThat(count).matches("\\d+ results? for plan");

    driver.findElement(By.cssSelector("input[name=source][value='NHS England']")).click();
    waiting().until(d -> d.getCurrentUrl().contains("source=NHS+England"));
    waiting()
        .until(
            d -> {
              d.findElement(By.cssSelector("input[name=source][value='Health Education England']"))
                  .click();
              return true;
            });
    waiting().until(d -> d.getCurrentUrl().contains("source=Health+Education+England"));
    assertThat(driver.getCurrentUrl())
        .contains("source=NHS+England")
        .contains("source=Health+Education+England");
    assertThat(driver.findElements(By.cssSelector(".facets input:checked"))).hasSize(2);
    screenshot("search-page", 1280, 900);
    screenshot("search-page", 360, 740);

    driver.get(base + "/?size=5");
    driver.findElement(By.cssSelector(".pager a[rel=next]")).click();
    waiting().until(d -> d.getCurrentUrl().contains("page=2"));
    assertThat(driver.findElement(By.cssSelector(".pager span")).getText())
        .isEqualTo("Page 2 of 17");
    driver.navigate().back();
    waiting().until(d -> !d.getCurrentUrl().contains("page=2"));
    // The page is re-rendered in place after Back: wait for it rather than read a stale node.
    waiting()
        .until(d -> d.findElement(By.cssSelector(".pager span")).getText().equals("Page 1 of 17"));

    waiting()
        .until(
            d -> {
              d.findElement(By.cssSelector(".hit h3 a")).click();
              return true;
            });
    waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
    assertThat(driver.findElement(By.cssSelector("article.doc h1")).getText()).isNotBlank();
    screenshot("document-page", 1280, 900);
  }

  @Test
  void usableWithTheKeyboardAlone() {
    driver.get(base + "/");
    Actions keys = new Actions(driver);
    keys.sendKeys(Keys.TAB).perform(); // skip link
    keys.sendKeys(Keys.TAB).perform(); // brand link
    keys.sendKeys(Keys.TAB).perform(); // search box
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
    keys.sendKeys("workforce").sendKeys(Keys.ENTER).perform();
    waiting()
        .until(d -> d.findElement(By.cssSelector(".count")).getText().contains("for workforce"));
    waiting()
        .until(
            d -> {
              d.findElement(By.cssSelector(".hit h3 a")).sendKeys(Keys.ENTER);
              return true;
            });
    waiting().until(d -> d.getCurrentUrl().contains("/documents/"));
  }

  @Test
  void pagesHaveNoSeriousOrCriticalAccessibilityViolations() throws Exception {
    for (String path :
        List.of("/", "/?q=workforce&source=NHS+England", "/documents/drivers:ltwp", "/embed")) {
      driver.get(base + path);
      assertThat(seriousViolations()).as(path).isEmpty();
    }
  }

  @Test
  void theWidgetOnAnotherOriginGetsResultsThroughCors() throws Exception {
    driver.get(other + "/");
    WebElement host = waiting().until(d -> d.findElement(By.cssSelector("map-search")));
    SearchContext shadow = waiting().until(d -> host.getShadowRoot());
    WebElement input = shadow.findElement(By.cssSelector("input"));
    input.sendKeys("workforce", Keys.ENTER);
    waiting()
        .until(
            d -> shadow.findElement(By.cssSelector(".count")).getText().matches("\\d+ results?"));
    List<WebElement> results = shadow.findElements(By.cssSelector(".results li"));
    assertThat(results).hasSizeBetween(1, 3);
    assertThat(results.getFirst().findElement(By.cssSelector("a")).getAttribute("href"))
        .startsWith(base + "/documents/");
    System.out.printf(
        "widget: first results in %s ms (cross-origin, including the request)%n",
        host.getAttribute("data-first-results-ms"));
    screenshot("widget", 1280, 900);
    screenshot("widget", 360, 740);
  }
}
