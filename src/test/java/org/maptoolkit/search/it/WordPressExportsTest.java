package org.maptoolkit.search.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.Project;
import org.maptoolkit.search.index.Analysis;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchResult;
import org.maptoolkit.search.search.SearchService;

/**
 * The two real WordPress exports of {@code ../shared/realdocs/wordpress}, ingested with the real
 * command and checked against what a separate reading of their XML found ({@code
 * src/test/resources/realdocs/wordpress-expected.md}, made by {@code wxr_facts.py} with Python's
 * standard library): which posts and pages are searchable, their titles as text, and phrases of
 * their content.
 */
class WordPressExportsTest {
  @TempDir Path dir;

  /** The ids of the posts and pages the facts file lists as indexable for {@code file}. */
  private static List<String> indexable(String file) throws IOException {
    String facts =
        Files.readString(
            Project.dir().resolve("src/test/resources/realdocs/wordpress-expected.md"));
    String section = facts.substring(facts.indexOf("### " + file));
    int next = section.indexOf("\n### ", 4);
    section = next < 0 ? section : section.substring(0, next);
    List<String> ids = new ArrayList<>();
    for (String type : List.of("post", "page")) {
      Matcher m = Pattern.compile("Indexable " + type + " ids: ([0-9, ]+)").matcher(section);
      assertThat(m.find()).as(type + " ids for " + file).isTrue();
      for (String id : m.group(1).split(",\\s*")) {
        ids.add("wp:" + type + ":" + id.strip());
      }
    }
    return ids;
  }

  private SearchService ingest(String file, Path index) {
    Path wxr = Project.shared("realdocs/wordpress/" + file);
    Cli.Result run =
        Cli.run(
            "ingest", "--no-semantic", wxr.toString(), "--index", index.toString(), "--no-fetch");
    assertThat(run.exit()).as(run.err()).isZero();
    return new SearchService(IndexStore.open(index), Analysis.queryAnalyzer(List.of()));
  }

  private static List<String> all(SearchService search) {
    return search
        .search(new SearchRequest("", Map.of(), SearchRequest.Sort.TITLE, 1, 100))
        .hits()
        .stream()
        .map(SearchResult.Hit::id)
        .toList();
  }

  private static List<String> ids(SearchService search, String q) {
    return search.search(SearchRequest.of(q)).hits().stream().map(SearchResult.Hit::id).toList();
  }

  @Test
  void theThemeUnitTestExportKeepsEveryPublishedPostAndPage() throws IOException {
    SearchService search = ingest("themeunittestdata.wordpress.xml", dir.resolve("theme"));
    List<String> expected = indexable("themeunittestdata.wordpress.xml");
    assertThat(expected).hasSize(76);
    assertThat(all(search)).containsExactlyInAnyOrderElementsOf(expected);

    // Markup in a title is shown as text.
    assertThat(search.require("wp:post:1173").title()).isEqualTo("Markup: Title With Markup");
    // A post with no title still has one: its first words.
    assertThat(search.require("wp:post:1169").title()).isNotBlank();
    // Greek pages whose slugs are percent-encoded have ids safe in URLs and their titles.
    assertThat(search.require("wp:page:1811").title()).isEqualTo("Επίπεδο 2 -Second Greek level");
    // A caption's words stay searchable; "[simple boat]" is prose, not a shortcode.
    assertThat(ids(search, "\"resinous blackboy husk\"")).contains("wp:post:568");
    assertThat(ids(search, "\"simple boat\"")).contains("wp:post:358");
    // The protected post is not searchable by anything it holds.
    assertThat(all(search)).doesNotContain("wp:post:1168");
    for (String[] phrase :
        List.of(
            new String[] {"wp:post:358", "beaching their coracles"},
            new String[] {"wp:post:562", "very peculiar names"},
            new String[] {"wp:post:575", "any copyright law"},
            new String[] {"wp:post:1176", "not picking a side"},
            new String[] {"wp:post:1241", "should be distinctly recognizable"})) {
      assertThat(ids(search, "\"" + phrase[1] + "\"")).as(phrase[1]).contains(phrase[0]);
    }
  }

  @Test
  void theBlockTestExportKeepsBothPostsThatShareASlug() throws IOException {
    SearchService search = ingest("64-block-test-data.xml", dir.resolve("blocks"));
    List<String> expected = indexable("64-block-test-data.xml");
    assertThat(expected).hasSize(62);
    assertThat(all(search)).containsExactlyInAnyOrderElementsOf(expected);
    // Posts 75 and 76 share the slug "footnotes": keyed by id, neither overwrites the other.
    assertThat(search.require("wp:post:75").title()).isEqualTo("Footnotes");
    assertThat(search.require("wp:post:76").title()).isEqualTo("Classic");
    assertThat(ids(search, "\"one footnotes block\"")).contains("wp:post:75");
    assertThat(ids(search, "\"inside a classic block\"")).contains("wp:post:76");
    // An entity written into the title is decoded for reading.
    assertThat(search.require("wp:post:93").title()).isEqualTo("Media & Text");
    for (String[] phrase :
        List.of(
            new String[] {"wp:post:121", "before the more block"},
            new String[] {"wp:post:132", "spacer is transparent"},
            new String[] {"wp:post:86", "Original Dixieland Jazz Band"})) {
      assertThat(ids(search, "\"" + phrase[1] + "\"")).as(phrase[1]).contains(phrase[0]);
    }
  }
}
