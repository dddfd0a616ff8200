package org.maptoolkit.search.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.document.DocType;
import org.maptoolkit.search.ingest.ParsedPage.Link;
import org.maptoolkit.search.ingest.ParsedPage.Section;

class PageParserTest {
  private final PageParser parser = new PageParser();

  private static String page(String articleClass, String title, String content) {
    return """
        <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
        <title>%2$s | MAP Toolkit</title></head>
        <body class="single-post"><main><article class="post %1$s">
        <header><h1 class="entry-title">%2$s</h1></header>
        <div class="entry-content">%3$s</div>
        <footer class="entry-footer">Posted in Drivers. Source: not a label here.</footer>
        </article></main></body></html>
        """
        .formatted(articleClass, title, content);
  }

  private static Section section(String text, List<String> items, Link... links) {
    return new Section(text, items, List.of(links));
  }

  private static Section section(String text) {
    return new Section(text, List.of(text), List.of());
  }

  @Test
  void readsEveryLabelStyleOfADriverPage() {
    String html =
        page(
            "category-drivers",
            "Sustainability and transformation plans",
            """
            <p>This page summarises the plans for library staff.</p>
            <p><strong>Impact on library policy/practice:</strong></p>
            <ul><li>Offer searches to STP teams.</li><li>Join local networks.</li></ul>
            <p><strong>Source:</strong> NHS England</p>
            <p><strong>Link to main document</strong> <a href="stp.pdf">Main document</a></p>
            <p>Publication format: Website, 44 STPs as pdf</p>
            <p><b>Date of publication</b>: All STPs were published in Oct/Nov 2016</p>
            <h3>Summary of driver</h3>
            <p>Local plans for health and care.</p>
            <p>They cover 44 footprints.</p>
            <p><strong>Key features of driver:</strong></p>
            <ul><li>Footprints<ul><li>44 areas</li><li>Led locally</li></ul></li><li>Five year plans</li></ul>
            <p><strong>Primary audience:</strong> All</p>
            <p><strong>Date last updated:</strong> 23rd March 2017</p>
            <p><strong>Due for review:</strong> 23rd March 2018</p>
            <p><strong>Group member responsible:</strong> AB</p>
            """);

    ParsedPage parsed = parser.parse(html, "");

    assertThat(parsed.type()).isEqualTo(DocType.DRIVER);
    assertThat(parsed.passwordProtected()).isFalse();
    assertThat(parsed.title()).isEqualTo("Sustainability and transformation plans");
    assertThat(parsed.sections())
        .containsExactly(
            entry(
                Label.IMPACT,
                section(
                    "Offer searches to STP teams. Join local networks.",
                    List.of("Offer searches to STP teams.", "Join local networks."))),
            entry(Label.SOURCE, section("NHS England")),
            entry(
                Label.LINK,
                section(
                    "Main document",
                    List.of("Main document"),
                    new Link("stp.pdf", "Main document"))),
            entry(Label.FORMAT, section("Website, 44 STPs as pdf")),
            entry(Label.PUBLISHED, section("All STPs were published in Oct/Nov 2016")),
            entry(
                Label.SUMMARY,
                section(
                    "Local plans for health and care.\nThey cover 44 footprints.",
                    List.of("Local plans for health and care.", "They cover 44 footprints."))),
            entry(
                Label.FEATURES,
                section(
                    "Footprints 44 areas Led locally Five year plans",
                    List.of("Footprints", "44 areas", "Led locally", "Five year plans"))),
            entry(Label.AUDIENCE, section("All")),
            entry(Label.UPDATED, section("23rd March 2017")),
            entry(Label.REVIEW, section("23rd March 2018")),
            entry(Label.MEMBER, section("AB")));
    assertThat(parsed.links()).containsExactly(new Link("stp.pdf", "Main document"));
    // The lede belongs to the page text but to no labelled part.
    assertThat(parsed.text()).startsWith("This page summarises the plans for library staff.");
    assertThat(parsed.text()).doesNotContain("not a label here");
  }

  @Test
  void labelSpellingsAndOrderVaryAndAMissingPartIsAbsent() {
    String html =
        page(
            "category-drivers",
            "Knowledge for healthcare",
            """
            <p><strong>Primary audience</strong> All NHS England organisations</p>
            <h2>Summary of the driver:</h2>
            <p>Knowledge into action.</p>
            <p><strong>Source</strong> Health Education England (HEE)</p>
            <p><strong>Impact on library policy / practice</strong></p>
            <ol><li>Mobilise evidence.</li></ol>
            <p><strong>Publication date:</strong> January 2017</p>
            <p><strong>Key features:</strong></p>
            <ul><li>Knowledge brokers</li></ul>
            <p><strong>Last updated:</strong> January 2017</p>
            """);

    ParsedPage parsed = parser.parse(html, "");

    assertThat(parsed.sections().keySet())
        .containsExactly(
            Label.AUDIENCE,
            Label.SUMMARY,
            Label.SOURCE,
            Label.IMPACT,
            Label.PUBLISHED,
            Label.FEATURES,
            Label.UPDATED);
    assertThat(parsed.get(Label.AUDIENCE)).isEqualTo("All NHS England organisations");
    assertThat(parsed.get(Label.SUMMARY)).isEqualTo("Knowledge into action.");
    assertThat(parsed.get(Label.SOURCE)).isEqualTo("Health Education England (HEE)");
    assertThat(parsed.sections().get(Label.IMPACT).items()).containsExactly("Mobilise evidence.");
    assertThat(parsed.get(Label.PUBLISHED)).isEqualTo("January 2017");
    assertThat(parsed.sections().get(Label.FEATURES).items()).containsExactly("Knowledge brokers");
    assertThat(parsed.get(Label.UPDATED)).isEqualTo("January 2017");
    assertThat(parsed.get(Label.REVIEW)).isNull();
    assertThat(parsed.get(Label.LINK)).isNull();
    assertThat(parsed.sections()).doesNotContainKeys(Label.REVIEW, Label.LINK, Label.MEMBER);
  }

  @Test
  void severalLinksUnderTheMainDocumentLabelDoNotOpenOtherParts() {
    String html =
        page(
            "category-drivers",
            "Developing people, improving care",
            """
            <p><strong>Link to main document:</strong></p>
            <p>Summary: <a href="https://example.org/summary.pdf">Summary (PDF)</a></p>
            <p>Full report: <a href="https://example.org/full.pdf">Full report (PDF)</a></p>
            <p><strong>Publication format:</strong> PDF</p>
            <p><strong>Date of publication:</strong> 1 December 2016</p>
            <p><strong>Summary of driver:</strong> A framework for leadership.</p>
            """);

    ParsedPage parsed = parser.parse(html, "");

    assertThat(parsed.sections().get(Label.LINK))
        .isEqualTo(
            section(
                "Summary: Summary (PDF)\nFull report: Full report (PDF)",
                List.of("Summary: Summary (PDF)", "Full report: Full report (PDF)"),
                new Link("https://example.org/summary.pdf", "Summary (PDF)"),
                new Link("https://example.org/full.pdf", "Full report (PDF)")));
    assertThat(parsed.get(Label.SUMMARY)).isEqualTo("A framework for leadership.");
    assertThat(parsed.get(Label.FORMAT)).isEqualTo("PDF");
    assertThat(parsed.get(Label.PUBLISHED)).isEqualTo("1 December 2016");
  }

  @Test
  void aBareAddressUnderTheMainDocumentLabelIsALinkNotTheSummary() {
    String html =
        page(
            "category-drivers",
            "Driver",
            """
            <p>Link to main document:</p>
            <p>Summary: https://example.org/summary.pdf</p>
            <p>Publication format: PDF</p>
            <p>Summary of driver: The real summary.</p>
            """);

    ParsedPage parsed = parser.parse(html, "");

    assertThat(parsed.get(Label.LINK)).isEqualTo("Summary: https://example.org/summary.pdf");
    assertThat(parsed.get(Label.SUMMARY)).isEqualTo("The real summary.");
  }

  @Test
  void aBoldSummaryWithALinkAfterTheMainDocumentIsStillTheSummary() {
    String html =
        page(
            "category-drivers",
            "Driver",
            """
            <p><strong>Link to main document:</strong> <a href="main.pdf">Main</a></p>
            <p><strong>Summary of driver:</strong> See <a href="https://example.org">the site</a>.</p>
            """);

    ParsedPage parsed = parser.parse(html, "");

    assertThat(parsed.sections().get(Label.LINK).links())
        .containsExactly(new Link("main.pdf", "Main"));
    assertThat(parsed.sections().get(Label.SUMMARY))
        .isEqualTo(
            section(
                "See the site.",
                List.of("See the site."),
                new Link("https://example.org", "the site")));
  }

  @Test
  void proseThatStartsLikeALabelIsNotOne() {
    String html =
        page(
            "category-drivers",
            "Driver",
            """
            <p><strong>Summary of driver:</strong> The first paragraph.</p>
            <p>Source of the figures is the annual survey.</p>
            <p>Summary guides are available for each region.</p>
            <p>Sourced from three trusts.</p>
            <p><strong>Source of funding:</strong> a national grant.</p>
            <h4>Source of the money</h4>
            <p><strong>Primary audience:</strong> All</p>
            """);

    ParsedPage parsed = parser.parse(html, "");

    assertThat(parsed.sections().keySet()).containsExactly(Label.SUMMARY, Label.AUDIENCE);
    assertThat(parsed.sections().get(Label.SUMMARY).items())
        .containsExactly(
            "The first paragraph.",
            "Source of the figures is the annual survey.",
            "Summary guides are available for each region.",
            "Sourced from three trusts.",
            "Source of funding: a national grant.",
            "Source of the money");
  }

  @Test
  void aStoryIsReadFromItsCategoryAndItsParts() {
    String html =
        page(
            "category-map-stories",
            "Evidence for the board",
            """
            <p><strong>Project team:</strong> Librarian, clinical lead</p>
            <h3>“The story”</h3>
            <p>The library searched for the board.</p>
            <p><strong>Alignment to local, regional and national drivers:</strong></p>
            <ul><li><a href="/drivers/kfh/">Knowledge for Healthcare</a></li></ul>
            <h3>Impact for the library</h3><p>More requests.</p>
            <h3>Lessons learnt</h3><p>Start early.</p>
            """);

    ParsedPage parsed = parser.parse(html, "");

    assertThat(parsed.type()).isEqualTo(DocType.STORY);
    assertThat(parsed.sections().keySet())
        .containsExactly(
            Label.TEAM, Label.STORY, Label.ALIGNMENT, Label.IMPACT_LIBRARY, Label.LESSONS);
    assertThat(parsed.get(Label.STORY)).isEqualTo("The library searched for the board.");
    assertThat(parsed.sections().get(Label.ALIGNMENT).links())
        .containsExactly(new Link("/drivers/kfh/", "Knowledge for Healthcare"));
  }

  @Test
  void theTypeComesFromTheLabelsWhenThePageHasNoCategory() {
    String driver =
        "<html><body><article><h1>D</h1><div class=\"entry-content\">"
            + "<p>Source: NICE</p><p>Summary: A guideline.</p></div></article></body></html>";
    String impactOnly =
        "<html><body><div><p><strong>Impact on libraries</strong></p><p>Some.</p></div></body></html>";
    String story =
        "<html><body><article><h1>S</h1><div class=\"entry-content\">"
            + "<h3>The story</h3><p>We helped.</p></div></article></body></html>";
    String news =
        "<html><body><article class=\"post\"><h1>N</h1><div class=\"entry-content\">"
            + "<p>The toolkit has a new look.</p></div></article></body></html>";
    String plain = "<html><body><h1>A web page</h1><p>Just text.</p></body></html>";
    String meeting =
        "<html><body><article class=\"post category-meetings\"><h1>Meeting 22nd March 2017</h1>"
            + "<div class=\"entry-content\"><p>Agenda.</p></div></article></body></html>";

    assertThat(parser.parse(driver, "").type()).isEqualTo(DocType.DRIVER);
    assertThat(parser.parse(impactOnly, "").type()).isEqualTo(DocType.DRIVER);
    assertThat(parser.parse(story, "").type()).isEqualTo(DocType.STORY);
    assertThat(parser.parse(news, "").type()).isEqualTo(DocType.NEWS);
    assertThat(parser.parse(plain, "").type()).isEqualTo(DocType.DOCUMENT);
    assertThat(parser.parse(meeting, "").type()).isEqualTo(DocType.MEETING);
    assertThat(parser.parse(page("category-news", "News", "<p>Hello</p>"), "").type())
        .isEqualTo(DocType.NEWS);
  }

  @Test
  void passwordProtectedPagesAreRecognisedEachWay() {
    String byClass =
        "<html><body><article class=\"post post-password-required\"><h1>Minutes</h1>"
            + "<div class=\"entry-content\"><p>Hidden.</p></div></article></body></html>";
    String byTitle =
        "<html><head><title>Protected: Minutes | MAP Toolkit</title></head><body>"
            + "<p>Dial-in 123</p></body></html>";
    String byForm =
        "<html><body><article class=\"post\"><h1>Minutes</h1><div class=\"entry-content\">"
            + "<form action=\"/wp-login.php?action=postpass\" class=\"post-password-form\""
            + " method=\"post\"><p>This content is password protected.</p>"
            + "<p><label>Password: <input name=\"post_password\" type=\"password\"></label></p>"
            + "</form></div></article></body></html>";
    String open = page("category-meetings", "Minutes", "<p>Open minutes.</p>");

    ParsedPage titled = parser.parse(byTitle, "");

    assertThat(parser.parse(byClass, "").passwordProtected()).isTrue();
    assertThat(titled.passwordProtected()).isTrue();
    assertThat(titled.title()).isEqualTo("Minutes");
    assertThat(parser.parse(byForm, "").passwordProtected()).isTrue();
    assertThat(parser.parse(open, "").passwordProtected()).isFalse();
  }

  @Test
  void theTitleIsTheH1ElseTheDocumentTitleWithoutTheSiteName() {
    String withH1 =
        "<html><head><title>Other | MAP Toolkit</title></head><body><article>"
            + "<h1 class=\"entry-title\">Five Year Forward View</h1></article></body></html>";
    String withoutH1 =
        "<html><head><title>Five Year Forward View | MAP Toolkit</title></head>"
            + "<body><p>Text</p></body></html>";
    String protectedH1 =
        "<html><body><article class=\"post-password-required\">"
            + "<h1 class=\"entry-title\">Protected: Meeting 22nd March 2017</h1></article></body></html>";

    assertThat(parser.parse(withH1, "").title()).isEqualTo("Five Year Forward View");
    assertThat(parser.parse(withoutH1, "").title()).isEqualTo("Five Year Forward View");
    assertThat(parser.parse(protectedH1, "").title()).isEqualTo("Meeting 22nd March 2017");
  }

  @Test
  void canonicalUrlAndPostDateAreRead() {
    String html =
        "<html><head><link rel=\"canonical\" href=\"https://www.maptoolkit.nhs.uk/news/x/\">"
            + "</head><body><article class=\"post category-news\"><h1>X</h1>"
            + "<time class=\"entry-date published\" datetime=\"2018-05-01T10:00:00+00:00\">1 May</time>"
            + "</article></body></html>";

    ParsedPage parsed = parser.parse(html, "");

    assertThat(parsed.canonicalUrl()).isEqualTo("https://www.maptoolkit.nhs.uk/news/x/");
    assertThat(parsed.postDate()).isEqualTo("2018-05-01T10:00:00+00:00");
  }

  @Test
  void aPageInALegacyEncodingIsReadFromItsBytes(@TempDir Path dir) throws Exception {
    String html =
        """
        <html><head><meta charset="windows-1252"><title>Budget</title></head><body>
        <article class="post category-drivers"><h1 class="entry-title">Budget of £300 for “books”</h1>
        <div class="entry-content"><p><strong>Source:</strong> The King’s Fund</p>
        <p><strong>Summary of driver:</strong> Costs – in £ – rose.</p></div></article></body></html>
        """;
    Path file = dir.resolve("legacy.html");
    Files.write(file, html.getBytes(Charset.forName("windows-1252")));
    assertThat(Files.readAllBytes(file)).contains((byte) 0xA3, (byte) 0x93, (byte) 0x94);

    ParsedPage parsed = parser.parse(file);

    assertThat(parsed.title()).isEqualTo("Budget of £300 for “books”");
    assertThat(parsed.get(Label.SOURCE)).isEqualTo("The King’s Fund");
    assertThat(parsed.get(Label.SUMMARY)).isEqualTo("Costs – in £ – rose.");
  }

  @Test
  void aUtf8PageFileIsReadAsUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("utf8.html");
    Files.writeString(
        file,
        "<html><head><meta charset=\"utf-8\"></head><body><h1>Café £5 “quoted”</h1></body></html>");

    assertThat(parser.parse(file).title()).isEqualTo("Café £5 “quoted”");
  }

  @Test
  void theSiteTitleInTheHeaderIsNotThePageTitle() {
    String html =
        "<html><head><title>Long Term Plan | MAP Toolkit</title></head><body>"
            + "<header class=\"site-header\"><h1 class=\"site-title\">MAP Toolkit</h1></header>"
            + "<main><article class=\"post category-drivers\">"
            + "<h1 class=\"entry-title\">Long Term Plan</h1></article></main></body></html>";

    assertThat(parser.parse(html, "").title()).isEqualTo("Long Term Plan");
  }

  @Test
  void partsAreFoundInsideMainWithoutAnArticle() {
    String html =
        "<html><body><nav><p>Source: not this menu</p></nav><main><h1>A driver</h1>"
            + "<p><strong>Source:</strong> NICE</p><p><strong>Summary:</strong> Guidance.</p>"
            + "</main></body></html>";

    ParsedPage parsed = parser.parse(html, "");

    assertThat(parsed.sections())
        .containsExactly(
            entry(Label.SOURCE, section("NICE")), entry(Label.SUMMARY, section("Guidance.")));
    assertThat(parsed.type()).isEqualTo(DocType.DRIVER);
  }
}
