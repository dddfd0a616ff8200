package org.maptoolkit.search.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.maptoolkit.search.Project;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its ChromeDriver, with or without JavaScript, and what the
 * browser tests do with it: waits, screenshots under target/screenshots, axe-core checks.
 */
final class Chromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /** Skips on a machine without Chromium, fails under CI. */
  static void require() {
    Project.require(
        Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
        "Chromium is not installed (apt-get install chromium chromium-driver)");
  }

  /** A browser at 1280 x 900; {@code javascript} false is a reader with scripts turned off. */
  static WebDriver start(boolean javascript) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
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
    if (!javascript) {
      options.setExperimentalOption(
          "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    return driver;
  }

  /** Waits up to 10 s; the page is replaced in place, so an element may go stale mid-check. */
  static WebDriverWait waiting(WebDriver driver) {
    return (WebDriverWait)
        new WebDriverWait(driver, Duration.ofSeconds(10))
            .ignoring(StaleElementReferenceException.class);
  }

  static Object js(WebDriver driver, String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Writes target/screenshots/NAME-WIDTH.png at 1280 and 360 px wide, then restores 1280. */
  static void screenshots(WebDriver driver, String name) throws Exception {
    for (int[] size : new int[][] {{1280, 900}, {360, 740}}) {
      driver.manage().window().setSize(new Dimension(size[0], size[1]));
      Thread.sleep(250);
      Path out = Project.dir().resolve("target/screenshots/" + name + "-" + size[0] + ".png");
      Files.createDirectories(out.getParent());
      Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  /** axe-core's violations of the given impacts on the current page: rule id and nodes. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> axe(WebDriver driver, String... impacts) throws Exception {
    String axe = Files.readString(Project.dir().resolve("src/test/resources/axe.min.js"));
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(axe);
    return (List<Map<String, Object>>)
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1]; const impacts = arguments[0];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => impacts.includes(v.impact)).map(v => ({id: v.id, impact: v.impact,"
                + " nodes: v.nodes.map(n => n.target.join(' '))}))));",
            List.of(impacts));
  }
}
