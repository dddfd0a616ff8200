package org.maptoolkit.search.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maptoolkit.search.browser.Chromium.js;
import static org.maptoolkit.search.browser.Chromium.waiting;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The search page as a librarian uses it, in headless Chromium with JavaScript and without: a bad
 * date keeps the search, active filters show and come off, one state in the URL, help from the
 * search, readable record pages, focus and history, and the small things people notice. Expected
 * facts come from the sample pages (their dates, titles and links), not from the page's output.
 */
class SearchPageBrowserTest {
  @TempDir static Path dir;
  static IndexStore store;
  static ApiServer server;
  static String base;
  static WebDriver driver;
  static WebDriver plain;

  @BeforeAll
  static void start() throws Exception {
    Chromium.require();
    Path index = Cli.ingestSamples(dir.resolve("index"));
    store = IndexStore.open(index);
    server = TestServers.server(store, Project.samples(), List.of());
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    driver = Chromium.start(true);
    plain = Chromium.start(false);
  }

  @AfterAll
  static void stop() throws Exception {
    for (WebDriver d : new WebDriver[] {driver, plain}) {
      if (d != null) {
        d.quit();
      }
    }
    if (server != null) {
      server.close();
      store.close();
    }
  }

  @BeforeEach
  void size() {
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  static String text(WebDriver d, String css) {
    return d.findElement(By.cssSelector(css)).getText();
  }

  static String count(WebDriver d) {
    return text(d, "#count");
  }

  /** Waits until the results heading says {@code expected} (the page is swapped in place). */
  static void countIs(WebDriver d, String expected) {
    waiting(d).until(x -> count(x).equals(expected));
  }

  static String param(WebDriver d, String name) {
    return (String) js(d, "return new URLSearchParams(location.search).get(arguments[0])", name);
  }

  @Test
  void aBadDateKeepsTheSearchAndSaysWhatIsWrongBesideTheField() throws Exception {
    // Without JavaScript: the URL a form submission makes.
    plain.get(base + "/?q=workforce&from=March+2020");
    assertThat(count(plain)).isEqualTo("28 results for workforce");
    assertThat(text(plain, "#from-error")).contains("March 2020");
    assertThat(plain.findElement(By.id("from")).getAttribute("aria-describedby"))
        .isEqualTo("from-error");
    assertThat(plain.findElement(By.id("from")).getAttribute("value")).isEqualTo("March 2020");

    // With JavaScript: type the date and move on.
    driver.get(base + "/?q=workforce");
    countIs(driver, "28 results for workforce");
    WebElement from = driver.findElement(By.id("from"));
    from.sendKeys("March 2020", Keys.TAB);
    waiting(driver).until(d -> !d.findElements(By.id("from-error")).isEmpty());
    assertThat(text(driver, "#from-error")).contains("March 2020");
    assertThat(count(driver)).isEqualTo("28 results for workforce");
    assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("workforce");
    // A good date applies, with the words.
    // Typed and left, as one step: the fields are swapped in place after each change.
    js(
        driver,
        "const e = document.getElementById('from'); e.value = '2020';"
            + " e.dispatchEvent(new Event('change', {bubbles: true}));");
    waiting(driver).until(d -> d.findElements(By.id("from-error")).isEmpty());
    waiting(driver).until(d -> "2020".equals(param(d, "from")));
    assertThat(count(driver))
        .matches("\\d+ results? for workforce")
        .isNotEqualTo("28 results for workforce");
    Chromium.screenshots(driver, "search-bad-date");
  }

  @Test
  void activeFiltersAreListedAboveTheResultsAndComeOff() throws Exception {
    for (WebDriver d : List.of(driver, plain)) {
      d.get(base + "/?q=Darzi&source=Nuffield+Trust");
      assertThat(count(d)).isEqualTo("0 results for Darzi");
      // The ticked box stays where it was, ticked, with its count.
      WebElement box = d.findElement(By.cssSelector("input[name=source][value='Nuffield Trust']"));
      assertThat(box.isSelected()).isTrue();
      assertThat(text(d, ".active li")).startsWith("Publisher: Nuffield Trust");
      WebElement escape = d.findElement(By.cssSelector(".without a"));
      assertThat(escape.getText())
          .matches("Search for “Darzi” without filters \\(\\d+ results?\\)");
      escape.click();
      waiting(d).until(x -> param(x, "source") == null);
      waiting(d).until(x -> count(x).matches("[1-9]\\d* results? for Darzi"));
      assertThat(d.findElements(By.cssSelector(".active"))).isEmpty();
    }
    // At 360 px the active filters come before the results, on the first screen.
    driver.manage().window().setSize(new Dimension(360, 740));
    driver.get(base + "/?q=workforce&source=NHS+England&audience=Executives+and+senior+managers");
    WebElement bar = driver.findElement(By.cssSelector(".active"));
    assertThat(bar.getLocation().getY() + bar.getSize().getHeight()).isLessThan(740);
    assertThat(bar.getLocation().getY())
        .isLessThan(driver.findElement(By.cssSelector(".hit")).getLocation().getY());
    Chromium.screenshots(driver, "search-active-filters");
    driver.manage().window().setSize(new Dimension(1280, 900));
    // Remove one (the first listed: filters come in the order the facets are listed), then Clear
    // all.
    assertThat(text(driver, ".active li")).startsWith("Publisher: NHS England");
    js(driver, "arguments[0].click()", driver.findElement(By.cssSelector(".active a.remove")));
    waiting(driver).until(d -> param(d, "source") == null);
    assertThat(param(driver, "audience")).isEqualTo("Executives and senior managers");
    js(driver, "arguments[0].click()", driver.findElement(By.cssSelector(".active a.clear")));
    waiting(driver).until(d -> param(d, "audience") == null);
    countIs(driver, "28 results for workforce");
  }

  @Test
  void oneStateInTheUrlWithAndWithoutJavaScript() {
    for (WebDriver d : List.of(driver, plain)) {
      d.get(base + "/?q=workforce");
      d.findElement(By.cssSelector("input[name=type][value=driver]")).click();
      if (d == plain) {
        d.findElement(By.cssSelector("button.apply")).click();
      }
      waiting(d).until(x -> "driver".equals(param(x, "type")));
      // A new word keeps the ticked facet...
      WebElement q = d.findElement(By.id("q"));
      q.clear();
      q.sendKeys("plan", Keys.ENTER);
      waiting(d).until(x -> "plan".equals(param(x, "q")));
      waiting(d).until(x -> count(x).endsWith("for plan"));
      assertThat(param(d, "type")).as(d == plain ? "without JS" : "with JS").isEqualTo("driver");
      assertThat(d.findElement(By.cssSelector("input[name=type][value=driver]")).isSelected())
          .isTrue();
      // ...and once unticked it stays off.
      d.findElement(By.cssSelector("input[name=type][value=driver]")).click();
      if (d == plain) {
        d.findElement(By.cssSelector("button.apply")).click();
      }
      waiting(d).until(x -> param(x, "type") == null);
      q = d.findElement(By.id("q"));
      q.clear();
      q.sendKeys("strategy", Keys.ENTER);
      waiting(d).until(x -> "strategy".equals(param(x, "q")));
      waiting(d).until(x -> count(x).endsWith("for strategy"));
      assertThat(param(d, "type")).isNull();
    }
  }

  @Test
  void helpFromTheSearchIsShownAndIsANewSearch() throws Exception {
    driver.get(base + "/?q=patiant+saftey");
    WebElement didYouMean = driver.findElement(By.cssSelector(".notices a"));
    assertThat(text(driver, ".notices")).isEqualTo("Did you mean patient safety?");
    didYouMean.click();
    waiting(driver).until(d -> "patient safety".equals(param(d, "q")));
    waiting(driver).until(d -> count(d).matches("[1-9]\\d* results? for patient safety"));
    assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("patient safety");

    plain.get(base + "/?q=wrokforce");
    assertThat(text(plain, ".notices")).contains("wrokforce").contains("spelt like it");
    assertThat(count(plain)).matches("[1-9]\\d* results? for wrokforce");

    plain.get(base + "/?q=%22workforce+plan");
    assertThat(text(plain, ".notices")).contains("run as plain words");
    Chromium.screenshots(driver, "search-did-you-mean");
  }

  @Test
  void aRecordPageReadsWellAndLeadsBackToTheSameResults() throws Exception {
    driver.get(base + "/?q=evidence+summaries&type=story");
    waiting(driver).until(d -> count(d).matches("[1-9]\\d* results? for evidence summaries"));
    driver
        .findElement(By.linkText("Evidence summaries for the Northdale and Westmere STP"))
        .click();
    waiting(driver).until(d -> d.getCurrentUrl().contains("/documents/"));
    Map<String, String> facts = facts(driver);
    // The page was posted 2018-05-10T09:30:00+00:00 (samples/stories).
    assertThat(facts).containsEntry("Published", "10 May 2018").containsEntry("Type", "MAP Story");
    assertThat(
            driver.findElements(By.cssSelector(".related a")).stream()
                .map(WebElement::getText)
                .toList())
        .containsExactly(
            "44 Regional Sustainability and Transformation Plans (STPs)", "Five Year Forward View");
    Chromium.screenshots(driver, "document");
    driver.findElement(By.cssSelector(".back a")).click();
    waiting(driver).until(d -> "story".equals(param(d, "type")));
    assertThat(param(driver, "q")).isEqualTo("evidence summaries");

    // The driver lists the stories that link to it.
    driver.get(base + "/documents/drivers:five-year-forward-view");
    assertThat(
            driver.findElements(By.cssSelector(".linked-from a")).stream()
                .map(WebElement::getText)
                .toList())
        .contains("Evidence summaries for the Northdale and Westmere STP");
    // A scan read without OCR says why it has no text, in words.
    driver.get(base + "/documents/drivers:better-births");
    assertThat(text(driver, ".reading")).isEqualTo("No text could be read from it.");
    assertThat(text(driver, ".reason")).contains("OCR");
    // An unknown record is a page for a person, not JSON.
    driver.get(base + "/documents/drivers:no-such-driver");
    assertThat(text(driver, "h1")).isEqualTo("No such record");
    assertThat(driver.getPageSource()).doesNotContain("\"code\"");
    assertThat(driver.findElement(By.id("q")).isDisplayed()).isTrue();
    Chromium.screenshots(driver, "not-found");
  }

  static Map<String, String> facts(WebDriver d) {
    List<WebElement> dt = d.findElements(By.cssSelector("article.doc dt"));
    List<WebElement> dd = d.findElements(By.cssSelector("article.doc dd"));
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < dt.size(); i++) {
      out.put(dt.get(i).getText(), dd.get(i).getText());
    }
    return out;
  }

  @Test
  void focusStaysWhereTheUserActedAndHistoryFollowsSearchesNotKeystrokes() throws Exception {
    driver.get(base + "/?q=workforce");
    countIs(driver, "28 results for workforce");
    // Space on a facet: the fresh copy of the same box has the focus.
    WebElement box = driver.findElement(By.cssSelector("input[name=type][value=driver]"));
    js(driver, "arguments[0].focus()", box);
    new Actions(driver).sendKeys(Keys.SPACE).perform();
    waiting(driver).until(d -> "driver".equals(param(d, "type")));
    waiting(driver).until(d -> "f-type-driver".equals(js(d, "return document.activeElement.id")));
    new Actions(driver).sendKeys(Keys.TAB).perform();
    assertThat(js(driver, "return document.activeElement.closest('.facets') !== null"))
        .isEqualTo(true);

    // Next: focus and view at the top of the results.
    driver.get(base + "/?size=5");
    driver.findElement(By.cssSelector(".pager a[rel=next]")).click();
    waiting(driver).until(d -> "2".equals(param(d, "page")));
    waiting(driver).until(d -> "count".equals(js(d, "return document.activeElement.id")));
    long top =
        (Long)
            js(
                driver,
                "return Math.round(document.getElementById('count').getBoundingClientRect().top)");
    assertThat(top).isBetween(-5L, 120L);
    assertThat(driver.getTitle()).isEqualTo("All records – page 2 of 17 – MAP Search");

    // The skip link lands on the first result (without JavaScript: on the list, one Tab before).
    driver.get(base + "/?q=workforce");
    new Actions(driver).sendKeys(Keys.TAB).perform();
    assertThat(js(driver, "return document.activeElement.textContent"))
        .isEqualTo("Skip to results");
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    waiting(driver)
        .until(
            d ->
                Boolean.TRUE.equals(
                    js(d, "return document.activeElement.closest('.hit') !== null")));
    String first = driver.findElement(By.cssSelector(".hit h3 a")).getText();
    assertThat(js(driver, "return document.activeElement.textContent")).isEqualTo(first);
    plain.get(base + "/?q=workforce");
    new Actions(plain).sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
    waiting(plain).until(d -> "results".equals(js(d, "return document.activeElement.id")));
    new Actions(plain).sendKeys(Keys.TAB).perform();
    assertThat(js(plain, "return document.activeElement.textContent")).isEqualTo(first);

    // Typing slowly: one history entry, however many pauses.
    driver.get(base + "/");
    long before = (Long) js(driver, "return history.length");
    WebElement q = driver.findElement(By.id("q"));
    for (char c : "patient safety".toCharArray()) {
      q.sendKeys(String.valueOf(c));
      Thread.sleep(350);
    }
    waiting(driver).until(d -> "patient safety".equals(param(d, "q")));
    assertThat((Long) js(driver, "return history.length")).isEqualTo(before);
    // A submitted search pushes one.
    q.sendKeys(Keys.ENTER);
    waiting(driver).until(d -> (Long) js(d, "return history.length") == before + 1);
  }

  @Test
  void theSmallThingsPeopleNotice() throws Exception {
    driver.get(base + "/?q=plan");
    // Years newest first.
    List<Integer> years =
        driver.findElements(By.cssSelector("input[name=year]")).stream()
            .map(e -> Integer.parseInt(e.getAttribute("value")))
            .toList();
    assertThat(years)
        .hasSizeGreaterThan(2)
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    // No value that no result has (unless ticked).
    assertThat(
            driver.findElements(By.cssSelector(".facets .n")).stream()
                .map(e -> e.getAttribute("textContent"))
                .toList())
        .doesNotContain("(0)");
    assertThat(driver.getTitle()).isEqualTo("plan – MAP Search");
    assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
    assertThat(
            (Long)
                js(
                    driver,
                    "return fetch('/favicon.ico').then(r => r.ok && r.headers.get('content-type').startsWith('image/') ? 1 : 0)"))
        .isEqualTo(1L);
    // At 360 px: date fields show their hint whole, and dates do not break at the hyphen.
    driver.manage().window().setSize(new Dimension(360, 740));
    driver.get(base + "/?q=plan");
    for (String id : List.of("from", "to")) {
      assertThat(
              (Boolean)
                  js(
                      driver,
                      "const e = document.getElementById(arguments[0]);"
                          + " const c = document.createElement('canvas').getContext('2d');"
                          + " c.font = getComputedStyle(e).font;"
                          + " return c.measureText(e.placeholder).width <= e.clientWidth;",
                      id))
          .as(id)
          .isTrue();
    }
    for (WebElement time : driver.findElements(By.cssSelector(".hit time"))) {
      assertThat((Long) js(driver, "return arguments[0].getClientRects().length", time))
          .isEqualTo(1L);
    }
    assertThat((Boolean) js(driver, "return document.documentElement.scrollWidth <= innerWidth"))
        .isTrue();
    driver.manage().window().setSize(new Dimension(1280, 900));
    // Printed: results only, every label there.
    driver.get(base + "/?q=plan");
    ((org.openqa.selenium.chromium.HasCdp) driver)
        .executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    assertThat(driver.findElement(By.cssSelector(".facets")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.cssSelector("form.search")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.cssSelector(".hit .type")).isDisplayed()).isTrue();
    ((org.openqa.selenium.chromium.HasCdp) driver)
        .executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
  }

  @Test
  void noAccessibilityViolationsOnThePages() throws Exception {
    for (String path :
        List.of(
            "/",
            "/?q=workforce&source=NHS+England",
            "/?q=Darzi&source=Nuffield+Trust",
            "/?q=workforce&from=March+2020",
            "/documents/stories:evidence-summaries-for-the-stp",
            "/documents/nope",
            "/embed")) {
      driver.get(base + path);
      assertThat(Chromium.axe(driver, "critical", "serious", "moderate")).as(path).isEmpty();
    }
    driver.get(base + "/");
    Chromium.screenshots(driver, "home");
    driver.get(base + "/?q=workforce&source=NHS+England");
    Chromium.screenshots(driver, "results");
  }
}
